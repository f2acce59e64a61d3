import type trackerDataEn from './trackerData.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the trackerData area; the type keeps the keys equal to English. */
const trackerDataBs: Widen<typeof trackerDataEn> = {
  title: 'trackerData',
};

export default trackerDataBs;
