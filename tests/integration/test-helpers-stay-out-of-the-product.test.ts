/**
 * Test helpers (simulated rooms, scripted cameras, HTTP and SMTP recorders) never ship: the
 * build leaves them out, and no module of the product imports one, so `dist/` cannot need them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { isTestOnly, productSources } from '../helpers/project-sources.js';

it('no product module imports a test helper', () => {
  const offenders: string[] = [];
  for (const top of ['appliance', 'cli', 'contract', 'fleet', 'drivers', 'provisioning']) {
    for (const file of productSources(top)) {
      const code = readFileSync(join(PROJECT_ROOT, file), 'utf8');
      for (const m of code.matchAll(/from '(\.[^']+)'/g)) {
        const target = join(file, '..', m[1]!);
        if (isTestOnly(target.replace(/\.js$/, '.ts'))) offenders.push(`${file} → ${m[1]}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});

it('the build configuration leaves every kind of test helper out', () => {
  const build = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tsconfig.build.json'), 'utf8')) as { exclude: string[] };
  for (const pattern of ['**/*.test.ts', '**/testing/**', '**/test-setup.ts', '**/scripted-*.ts', '**/*-test-helpers.ts'])
    expect(build.exclude).toContain(pattern);
});
