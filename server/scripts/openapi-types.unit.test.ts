import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, generateClientTypes } from './openapi-types.js';

describe('the admin client types', () => {
  it('match the server routes (run `npm run gen:api` after changing a route)', async () => {
    const current = fs.existsSync(CLIENT_TYPES_FILE) ? fs.readFileSync(CLIENT_TYPES_FILE, 'utf8') : '';
    expect(
      current === (await generateClientTypes()),
      'web/src/api/schema.d.ts is stale: run npm run gen:api',
    ).toBe(true);
  }, 30_000);
});
