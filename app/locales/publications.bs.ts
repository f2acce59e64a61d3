import type publicationsEn from './publications.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the publications area; the type keeps the keys equal to English. */
const publicationsBs: Widen<typeof publicationsEn> = {
  title: 'publications',
};

export default publicationsBs;
