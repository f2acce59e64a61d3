/** English strings of the trackerData area (merged into en.ts under `trackerData`). */
const trackerDataEn = {
  title: 'trackerData',
} as const;

export default trackerDataEn;
