/**
 * The baselines of the publications benchmark, each in its own process like
 * the portal: the same HTML bytes served as a static file (express.static,
 * as a site would serve a pre-rendered page) or from memory by bare node:http.
 *
 *   node --import tsx bench/support/byte-server.ts static|memory <file>
 *
 * Prints `{"port": N}` on one line once it listens on 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'static' && mode !== 'memory') || !file) {
  process.stderr.write('usage: byte-server.ts static|memory <file>\n');
  process.exit(2);
}

let server: http.Server;
if (mode === 'static') {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.static(path.dirname(file)));
  server = http.createServer(app);
} else {
  const bytes = fs.readFileSync(file);
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': bytes.length });
    res.end(bytes);
  });
}
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
