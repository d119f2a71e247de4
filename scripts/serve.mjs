// A tiny static server for the built page (dist/). No dependencies, loopback only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Finds a request's file in the first root that has it (tests overlay dist-pages/ on dist/). */
async function locate(bases, pathname) {
  for (const base of bases) {
    let path = normalize(join(base, pathname));
    if (!path.startsWith(base)) return { forbidden: true };
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) path = join(path, 'index.html');
    if (await stat(path).then((s) => s.isFile()).catch(() => false)) return { path };
  }
  return {};
}

export function startServer({ root = 'dist', roots, port = 0, host = '127.0.0.1' } = {}) {
  const bases = (roots ?? [root]).map((r) => resolve(r));
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const { path, forbidden } = await locate(bases, decodeURIComponent(url.pathname));
      if (forbidden) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (!path) throw new Error('not found');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const addr = server.address();
      ok({ server, url: `http://${host}:${addr.port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 5173);
  startServer({ port })
    .then(({ url }) => console.log(`LLM Team Playground is served at ${url}  (Ctrl+C to stop)`))
    .catch((err) => {
      console.error(`Could not start the server on port ${port}: ${err.message}. Try PORT=5174 npm start.`);
      process.exit(1);
    });
}
