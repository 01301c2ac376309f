import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../appliance/paths.js';

/** Files that exist for the tests only (the build leaves the same kinds out: tsconfig.build.json). */
const TEST_ONLY = [/\.test\.ts$/, /\/testing\//, /\/test-setup\.ts$/, /\/scripted-[^/]*\.ts$/, /-test-helpers\.ts$/];

/** Whether a repository path (e.g. `drivers/visca/scripted-camera.ts`) is a test or a test helper. */
export function isTestOnly(path: string): boolean {
  return TEST_ONLY.some((re) => re.test(`/${path}`));
}

/** The product's TypeScript files under `dir` (a repository path), tests and helpers left out. */
export function* productSources(dir: string): Generator<string> {
  for (const name of readdirSync(join(PROJECT_ROOT, dir))) {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') continue;
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) yield* productSources(path);
    else if (name.endsWith('.ts') && !isTestOnly(path)) yield path;
  }
}
