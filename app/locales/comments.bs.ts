import type commentsEn from './comments.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the comments area; the type keeps the keys equal to English. */
const commentsBs: Widen<typeof commentsEn> = {
  title: 'comments',
};

export default commentsBs;
