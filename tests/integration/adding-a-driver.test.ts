/**
 * docs/ADDING-A-DRIVER.md says a driver is one folder and a line in the registry, and names a
 * driver added that way. This test holds the page to it, from the files as they are (no git):
 * the example's folder is complete, no file outside it but the registry (and the docs) names
 * it, and it passes what every driver passes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { actionsOf } from '../../drivers/core/definition.js';
import { DRIVERS } from '../../drivers/registry.js';

const page = readFileSync(join(PROJECT_ROOT, 'docs/ADDING-A-DRIVER.md'), 'utf8');
const folder = /The example is `(drivers\/([a-z0-9-]+)\/)`/.exec(page);
const example = folder?.[2] ?? '';
/** What any file about the example would name: the first word of its id. */
const stem = example.split('-')[0] ?? '';

/** Output of runs, not sources: ignored by git, and a benchmark's results name every driver it ran. */
const NOT_SOURCES = ['node_modules', 'dist', '.git', 'bench-results', 'test-artifacts', 'data'];

/** Every text file of the project outside node_modules, build and run output, and git. */
function* projectFiles(dir = ''): Generator<string> {
  for (const name of readdirSync(join(PROJECT_ROOT, dir))) {
    if (NOT_SOURCES.includes(name)) continue;
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) yield* projectFiles(path);
    else if (/\.(ts|js|mjs|json|yaml|yml|md|html|sh|py)$/.test(name)) yield path;
  }
}

it('names a driver that exists, with its folder', () => {
  expect(example, 'the page says "The example is `drivers/<name>/`"').not.toBe('');
  expect(DRIVERS.map((d) => d.id)).toContain(example);
});

it("is true: no file outside the example's folder names it, but the registry and the docs", () => {
  const outside = [...projectFiles()].filter((path) => {
    if (path.startsWith(`drivers/${example}/`) || path === 'drivers/registry.ts' || path === 'README.md' || path.startsWith('docs/')) return false;
    return readFileSync(join(PROJECT_ROOT, path), 'utf8').toLowerCase().includes(stem);
  });
  expect(outside).toEqual([]);
  const registryLines = readFileSync(join(PROJECT_ROOT, 'drivers/registry.ts'), 'utf8')
    .split('\n')
    .filter((l) => l.toLowerCase().includes(stem));
  expect(registryLines, 'the import and the entry in DRIVERS').toHaveLength(2);
});

it("the example's folder holds what the page lists: codec, driver, definition, probe, simulator, scenario and quirk tests, README", () => {
  const files = readdirSync(join(PROJECT_ROOT, 'drivers', example));
  for (const part of ['-codec.ts', '-codec.test.ts', '-driver.ts', '-definition.ts', '-probe.ts', '-simulator.ts', '.every-quirk-profile.test.ts']) {
    expect(
      files.some((f) => f.endsWith(part)),
      `a file ending ${part}`,
    ).toBe(true);
  }
  expect(files).toContain('README.md');
  expect(files.filter((f) => /^[a-z0-9-]+\.[a-z0-9-]+\.test\.ts$/.test(f) && !f.includes('every-quirk')).length, 'scenario tests').toBeGreaterThanOrEqual(3);
});

it('passes what every driver passes: a simulator with quirk profiles from the manual, a probe and the entry it proposes, a handler per action', async () => {
  const definition = DRIVERS.find((d) => d.id === example)!;
  const simulator = await definition.loadSimulator?.();
  expect(simulator?.driver).toBe(example);
  expect(simulator?.quirks?.length).toBeGreaterThanOrEqual(2);
  for (const quirk of simulator?.quirks ?? []) expect(quirk.source.length, `${quirk.name} names its source`).toBeGreaterThan(10);
  const provisioning = await definition.loadProvisioning?.();
  expect(provisioning?.probe).toBeDefined();
  expect(typeof provisioning?.proposeConfig).toBe('function');
  expect(actionsOf(definition).length).toBeGreaterThan(0);
});
