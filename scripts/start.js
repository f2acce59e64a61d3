// `npm start`: build if the sources are newer than the build, then run the server
// (which migrates the database and seeds the demo working group on first start).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_BUILD_PATH } from './build-paths.js';

const BUILD = SERVER_BUILD_PATH;

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

if (buildIsStale()) {
  console.log('Building the portal (about 10 seconds)...');
  // The Remix classic compiler loads Vite's CommonJS API; its deprecation notice is not ours to act on and reads like an error.
  const build = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit', env: { ...process.env, VITE_CJS_IGNORE_WARNING: 'true' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Signals sent to this process (a service manager's SIGTERM) reach the server, which shuts down gracefully.
const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
