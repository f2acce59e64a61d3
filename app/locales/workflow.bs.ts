import type workflowEn from './workflow.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the workflow area; the type keeps the keys equal to English. */
const workflowBs: Widen<typeof workflowEn> = {
  title: 'workflow',
};

export default workflowBs;
