import type trackerViewsEn from './trackerViews.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the trackerViews area; the type keeps the keys equal to English. */
const trackerViewsBs: Widen<typeof trackerViewsEn> = {
  title: 'trackerViews',
};

export default trackerViewsBs;
