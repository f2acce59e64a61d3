import type actionsEn from './actions.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the actions area; the type keeps the keys equal to English. */
const actionsBs: Widen<typeof actionsEn> = {
  title: 'actions',
};

export default actionsBs;
