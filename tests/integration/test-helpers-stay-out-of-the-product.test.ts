/**
 * Test helpers (simulated rooms, scripted cameras, HTTP and SMTP recorders) never ship: the
 * build leaves them out, and no module of the product imports one, so `dist/` cannot need them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';

const HELPER = [/\/testing\//, /\/test-setup\.ts$/, /\/scripted-[^/]*\.ts$/, /-test-helpers\.ts$/, /\.test\.ts$/];
const isHelper = (path: string) => HELPER.some((re) => re.test(`/${path}`));

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts')) yield relative(PROJECT_ROOT, path);
  }
}

it('no product module imports a test helper', () => {
  const offenders: string[] = [];
  for (const top of ['appliance', 'drivers', 'provisioning']) {
    for (const file of sources(join(PROJECT_ROOT, top))) {
      if (isHelper(file)) continue;
      const code = readFileSync(join(PROJECT_ROOT, file), 'utf8');
      for (const m of code.matchAll(/from '(\.[^']+)'/g)) {
        const target = join(file, '..', m[1]!);
        if (isHelper(target.replace(/\.js$/, '.ts'))) offenders.push(`${file} → ${m[1]}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});

it('the build configuration leaves every kind of test helper out', () => {
  const build = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tsconfig.build.json'), 'utf8')) as { exclude: string[] };
  for (const pattern of ['**/*.test.ts', '**/testing/**', '**/test-setup.ts', '**/scripted-*.ts', '**/*-test-helpers.ts']) expect(build.exclude).toContain(pattern);
});
