import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const NOT_BUILT = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Kyosei 共生</title></head>
<body><main><h1>Kyosei 共生</h1>
<p>The web UI has not been built: run <code>npm run build</code>. The API is at <a href="/api/docs">/api/docs</a>.</p>
</main></body></html>`;

/**
 * Serves the single-page web UI from `dir`: hashed assets cached for a year, and index.html
 * (never cached) for every other GET outside the API, so that the browser's router handles
 * /residents/… on reload. Unknown /api and /health paths, and missing files, get the API's 404.
 */
export async function registerWebUi(fastify: FastifyInstance, dir: string): Promise<void> {
  const root = resolve(dir);
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await fastify.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders: (response, path) => {
        response.header(
          'cache-control',
          path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    // A missing file (favicon.ico, an old asset) is a 404, not the page.
    if (path.startsWith('/api/') || path.startsWith('/health') || /\.[a-z0-9]+$/i.test(path)) {
      return reply.callNotFound();
    }
    if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
