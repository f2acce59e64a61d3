import type { Messages } from './en.ts';
import en from './en.ts';

// Placeholder until the Bosnian translation is filled in.
const bs: Messages = en;
export default bs;
