/**
 * Run by playwright.config.ts before the portal starts when E2E_DATABASE_URL
 * names a PostgreSQL database: drops and recreates it, so every browser run
 * starts from the demo data alone, as the SQLite run does with a fresh file.
 * The database must be one the run owns (e.g. …/e2e), never a real portal's.
 */
import pg from 'pg';

const url = process.env.E2E_DATABASE_URL?.trim();
if (!url) throw new Error('E2E_DATABASE_URL is not set');
const target = new URL(url);
const name = decodeURIComponent(target.pathname.slice(1));
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`E2E_DATABASE_URL must name a plain database (lower-case letters, digits, _), not "${name}"`);
if (name === 'postgres') throw new Error('E2E_DATABASE_URL must name a database of its own, not the maintenance database "postgres"');

// CREATE/DROP DATABASE run on the maintenance database of the same server.
const maintenance = new URL(url);
maintenance.pathname = '/postgres';
const client = new pg.Client({ connectionString: maintenance.toString() });
await client.connect();
try {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
} finally {
  await client.end();
}
process.stdout.write(`fresh PostgreSQL database ${name} for the browser tests\n`);
