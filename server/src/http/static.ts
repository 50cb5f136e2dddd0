import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../lib/html.js';

/**
 * The admin SPA (web/dist): hashed bundles under /assets/ (cached for a year), any other GET on
 * the admin host gets index.html so client-side routes such as /reset/{token} load.
 */
export type AdminIndex = (reply: FastifyReply, urlPath: string) => FastifyReply | undefined;

export async function serveAdminApp(app: FastifyInstance, webDist: string | undefined): Promise<AdminIndex> {
  const indexFile = webDist ? path.join(webDist, 'index.html') : undefined;
  if (!webDist || !indexFile || !fs.existsSync(indexFile)) {
    return (reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'The admin app is not built',
            'Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.',
          ),
        );
  }
  const assets = path.join(webDist, 'assets');
  if (fs.existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }
  const index = fs.readFileSync(indexFile);
  const rootFiles = new Set(
    fs.readdirSync(webDist).filter((f) => f !== 'index.html' && fs.statSync(path.join(webDist, f)).isFile()),
  );
  return (reply, urlPath) => {
    const name = urlPath.slice(1);
    if (rootFiles.has(name)) return reply.sendFile(name, webDist);
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  };
}

export function page(title: string, bodyHtml: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;color:#212529;max-width:40rem;margin:15vh auto;padding:0 1rem;line-height:1.5}h1{font-size:1.5rem}</style></head><body><h1>${escapeHtml(title)}</h1><p>${bodyHtml}</p></body></html>`;
}

/** What an unknown host or path gets: plain, and never another account's content. */
export const notFoundPage = () => page('Page not found', 'There is nothing at this address.');
