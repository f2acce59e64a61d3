/** English strings of the workflow area (merged into en.ts under `workflow`). */
const workflowEn = {
  title: 'workflow',
} as const;

export default workflowEn;
