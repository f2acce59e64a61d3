import type versionsEn from './versions.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the versions area; the type keeps the keys equal to English. */
const versionsBs: Widen<typeof versionsEn> = {
  title: 'versions',
};

export default versionsBs;
