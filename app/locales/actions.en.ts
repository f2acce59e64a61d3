/** English strings of the actions area (merged into en.ts under `actions`). */
const actionsEn = {
  title: 'actions',
} as const;

export default actionsEn;
