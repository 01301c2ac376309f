#!/usr/bin/env -S node --max-semi-space-size=2
// The flag: a room appliance allocates little per request, and a small young generation
// keeps a mini-PC's idle footprint low (V8 reserves 3 x 16 MB by default). V8 reads it only
// at start, so scripts that run `node bin/roomctl.js` pass it too (scripts/demo.sh, the footprint bench).
// Runs the compiled CLI from dist/ when it is built (npm run build), else the TypeScript
// source through tsx, so a fresh checkout works before its first build. ROOMCTL_FROM_SOURCE=1
// forces the source (tests of the CLI must not run a stale build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let main;
let reportCrashes;
if (existsSync(fileURLToPath(compiled)) && process.env.ROOMCTL_FROM_SOURCE !== '1') {
  ({ main, reportCrashes } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main, reportCrashes } = await import(new URL('../cli/main.ts', import.meta.url).href));
}
// A long-running command that hits a bug ends with a coded line, not a stack trace on the terminal.
reportCrashes(process.argv.slice(2));
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
