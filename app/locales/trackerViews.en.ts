/** English strings of the trackerViews area (merged into en.ts under `trackerViews`). */
const trackerViewsEn = {
  title: 'trackerViews',
} as const;

export default trackerViewsEn;
