// Runs the worker thread from the TypeScript sources (tests, `tsx`): a thread does not inherit
// the parent's module loader, so it registers tsx before loading the entry. The built server
// runs dist/worker-thread.js directly.
const { register } = await import('tsx/esm/api');
register();
await import('./thread-entry.ts');
