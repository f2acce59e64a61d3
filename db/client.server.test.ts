import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { createDatabase } from './client.server.ts';

describe('SQLite prepared-statement reuse', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-client-'));
  const { db } = createDatabase({ url: `file:${path.join(dir, 'test.sqlite')}` });

  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the same query text runs again with other parameters, and after being streamed', async () => {
    await sql`create table t (n integer)`.execute(db);
    for (let n = 1; n <= 5; n++) await sql`insert into t (n) values (${n})`.execute(db);
    const below = (limit: number) => sql<{ n: number }>`select n from t where n < ${limit} order by n`;
    expect((await below(3).execute(db)).rows.map((r) => r.n)).toEqual([1, 2]);
    expect((await below(5).execute(db)).rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);

    // A streamed query releases its statement when done; the same SQL then runs again.
    const small = db as unknown as Kysely<{ t: { n: number } }>;
    const query = () => small.selectFrom('t').select('n').where('n', '<', 4).orderBy('n');
    const streamed: number[] = [];
    for await (const row of query().stream(1)) streamed.push(row.n);
    expect(streamed).toEqual([1, 2, 3]);
    expect((await query().execute()).map((r) => r.n)).toEqual([1, 2, 3]);
  });

  test('a statement prepared before a schema change still runs after it', async () => {
    await sql`create table s (a integer)`.execute(db);
    await sql`insert into s (a) values (1)`.execute(db);
    const all = () => sql<Record<string, number>>`select * from s`.execute(db);
    expect((await all()).rows).toEqual([{ a: 1 }]);
    await sql`alter table s add column b integer default 2`.execute(db);
    expect((await all()).rows).toEqual([{ a: 1, b: 2 }]);
  });
});
