/** English strings of the versions area (merged into en.ts under `versions`). */
const versionsEn = {
  title: 'versions',
} as const;

export default versionsEn;
