/**
 * Every package the project installs accepts the Node it runs on (the rooms' machines have Node 20):
 * a dependency that declares a newer Node (cookie 2 says Node 22, under fastify's light-my-request)
 * makes npm warn EBADENGINE on every install and may use what Node 20 lacks. Read from the lock
 * file, so it holds for a fresh clone; packages for other platforms (optional) are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';

interface LockedPackage {
  version?: string;
  optional?: boolean;
  engines?: { node?: string } | string[];
}

it(`installs only packages that accept Node ${process.version}`, () => {
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const refusing = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && !p.optional && !Array.isArray(p.engines) && p.engines?.node)
    .filter(([, p]) => !semver.satisfies(process.version, (p.engines as { node: string }).node, { includePrerelease: true }))
    .map(([path, p]) => `${path.replace(/^node_modules\//, '')}@${p.version} wants Node ${(p.engines as { node: string }).node}`);
  expect(refusing).toEqual([]);
  const own = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  expect(semver.satisfies(process.version, own)).toBe(true);
});
