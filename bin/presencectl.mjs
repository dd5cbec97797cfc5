#!/usr/bin/env node
// The package's `presencectl` command: the bundle that `npm run build` writes (fast to start), or the
// TypeScript source when nothing is built yet (Node 22 runs it directly).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const bundle = new URL('../dist/presencectl.mjs', import.meta.url);
await import(existsSync(bundle) ? bundle.href : new URL('../app/remote/presencectl.ts', import.meta.url).href);
