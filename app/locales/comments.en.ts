/** English strings of the comments area (merged into en.ts under `comments`). */
const commentsEn = {
  title: 'comments',
} as const;

export default commentsEn;
