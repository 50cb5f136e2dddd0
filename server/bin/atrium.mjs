#!/usr/bin/env node
// The `atrium` command. Runs the server bundle when it is up to date with the sources
// (`npm start` builds it; it starts twice as fast), else the TypeScript sources through tsx.
import { pathToFileURL } from 'node:url';
import { SERVER_BUNDLE, serverBundleIsStale } from '../../scripts/build-server.mjs';

if (serverBundleIsStale()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
} else {
  await import(pathToFileURL(SERVER_BUNDLE).href);
}
