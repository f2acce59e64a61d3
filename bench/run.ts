/**
 * Runs every bench/*.bench.ts, one after the other, each in its own Node
 * process (with --expose-gc, so memory figures are measured after a full GC).
 * `npm run bench -- collab` runs only the benchmarks whose file name contains "collab".
 * Exits non-zero only when a benchmark could not run; missed targets are reported, not fatal.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** A benchmark that runs longer than this is stopped. */
const TIME_LIMIT_MS = 15 * 60 * 1000;

const filters = process.argv.slice(2);
const files = fs
  .readdirSync(BENCH_DIR)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(BENCH_DIR, file)], { stdio: 'inherit' });
    const timer = setTimeout(() => {
      process.stderr.write(`${file} ran longer than ${TIME_LIMIT_MS / 60_000} minutes: stopping it\n`);
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

if (files.length === 0) {
  process.stderr.write(`No benchmark matches ${filters.join(', ')}\n`);
  process.exit(1);
}

const results: { file: string; code: number; seconds: number }[] = [];
for (const file of files) {
  process.stdout.write(`\n########## ${file} ##########\n`);
  const started = Date.now();
  const code = await run(file);
  results.push({ file, code, seconds: (Date.now() - started) / 1000 });
}

process.stdout.write('\nBenchmarks run:\n');
for (const r of results) process.stdout.write(`  ${r.code === 0 ? 'ok    ' : 'ERROR '} ${r.file} (${r.seconds.toFixed(0)} s)\n`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
