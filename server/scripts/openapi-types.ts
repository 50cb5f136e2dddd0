import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';

/** The admin SPA's typed client is generated from the server's own OpenAPI document. */
export const CLIENT_TYPES_FILE = path.resolve(import.meta.dirname, '../../web/src/api/schema.d.ts');

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export async function openApiDocument(): Promise<unknown> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-openapi-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' });
  const runtime = await openRuntime(config, { log: quiet });
  try {
    const app = await buildApp(runtime.deps);
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return doc;
  } finally {
    await runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function generateClientTypes(): Promise<string> {
  const doc = await openApiDocument();
  const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0]);
  return `// Generated from the server's OpenAPI document by \`npm run gen:api\`. Do not edit.\n\n${astToString(ast)}`;
}
