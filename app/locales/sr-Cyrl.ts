import type { Messages } from './en.ts';
import srLatn from './sr-Latn.ts';
import { transliterateMessages } from '../utils/transliterate.ts';

/**
 * Српски (ћирилица). Generated from sr-Latn.ts by transliteration: never edit
 * this file; change the Latin text instead (docs/languages.md).
 */
const srCyrl: Messages = transliterateMessages(srLatn);

export default srCyrl;
