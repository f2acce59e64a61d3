import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

/**
 * The layer table in eslint.config.js is enforced, not decorative: each case
 * lints a small source text as if it lived at a path in the project, and
 * expects the boundary rules to refuse (or accept) its imports.
 */

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('boundaries/') || m.ruleId === 'import-x/no-cycle').map((m) => m.message);
}

describe('import boundaries', () => {
  test.each([
    ['a util importing a model', 'app/utils/probe.ts', "import { listPeople } from '../models/person.server.ts';\nexport const x = listPeople;\n"],
    ['a model importing a service', 'app/models/probe.server.ts', "import { changeActionItem } from '../services/action-items.server.ts';\nexport const x = changeActionItem;\n"],
    ['a model importing a zod schema (a value)', 'app/models/probe.server.ts', "import { actionItemSchema } from '../schemas/action-item.ts';\nexport const x = actionItemSchema;\n"],
    ['a component importing a service (a value)', 'app/components/probe.tsx', "import { changeActionItem } from '../services/action-items.server.ts';\nexport const x = changeActionItem;\n"],
    ['content importing the collaboration server', 'app/content/probe.server.ts', "import { createCollabServer } from '../collab/collab-server.server.ts';\nexport const x = createCollabServer;\n"],
    ['a policy importing a model', 'app/policies/probe.ts', "import { listPeople } from '../models/person.server.ts';\nexport const x = listPeople;\n"],
    ['a route importing the database connection', 'app/routes/probe.tsx', "import { createDatabase } from '../../db/client.server.ts';\nexport const x = createDatabase;\n"],
    ['a route importing the database type', 'app/routes/probe.tsx', "import type { Db } from '../../db/client.server.ts';\nexport type X = Db;\n"],
    ['a model importing a policy value', 'app/models/probe.server.ts', "import { itemReadScope } from '../policies/action-item-access.ts';\nexport const x = itemReadScope;\n"],
  ])('%s is refused', async (_name, file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length, errors.join('\n')).toBeGreaterThan(0);
  });

  test.each([
    ['a route calling a service', 'app/routes/probe.tsx', "import { changeActionItem } from '../services/action-items.server.ts';\nexport const x = changeActionItem;\n"],
    ['a component taking the type a service returns', 'app/components/probe.tsx', "import type { ActionItemFormOptions } from '../services/action-item-form.server.ts';\nexport type X = ActionItemFormOptions;\n"],
    ['a model taking the read scope a policy computed', 'app/models/probe.server.ts', "import type { ItemReadScope } from '../policies/action-item-access.ts';\nexport type X = ItemReadScope;\n"],
    ['a service using a model and a schema', 'app/services/probe.server.ts', "import { updateActionItem } from '../models/action-item.server.ts';\nimport { actionItemSchema } from '../schemas/action-item.ts';\nexport const x = [updateActionItem, actionItemSchema];\n"],
  ])('%s is accepted', async (_name, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  test('a file outside every layer is refused', async () => {
    const errors = await boundaryErrors('app/stray/probe.ts', 'export const x = 1;\n');
    expect(errors.some((m) => /known element|file pattern/.test(m)), errors.join('\n')).toBe(true);
  });
});
