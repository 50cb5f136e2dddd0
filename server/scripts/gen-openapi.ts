import fs from 'node:fs';
import { CLIENT_TYPES_FILE, generateClientTypes } from './openapi-types.js';

// `npm run gen:api`: regenerate web/src/api/schema.d.ts after changing a route.
const types = await generateClientTypes();
fs.writeFileSync(CLIENT_TYPES_FILE, types);
console.log(`Wrote ${CLIENT_TYPES_FILE}`);
