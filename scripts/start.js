// `npm start`: build if the sources are newer than the build, then run the server
// (which migrates the database and seeds the demo working group on first start).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const BUILD = 'build/index.js';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function buildIsStale() {
  if (!fs.existsSync(BUILD)) return true;
  const built = fs.statSync(BUILD).mtimeMs;
  return Math.max(newestMtime('app'), fs.statSync('remix.config.js').mtimeMs) > built;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (buildIsStale()) run('npx', ['remix', 'build']);
run(process.execPath, ['--import', 'tsx', 'server.ts']);
