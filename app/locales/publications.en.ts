/** English strings of the publications area (merged into en.ts under `publications`). */
const publicationsEn = {
  title: 'publications',
} as const;

export default publicationsEn;
