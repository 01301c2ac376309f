import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../appliance/paths.js';
import { DRIVERS } from '../drivers/registry.js';
import { productSources } from '../tests/helpers/project-sources.js';

it('holds no driver id and no protocol constant: every driver brings its own search, probe and entry', () => {
  const named: string[] = [];
  for (const path of productSources('provisioning')) {
    const text = readFileSync(join(PROJECT_ROOT, path), 'utf8');
    for (const d of DRIVERS) if (text.includes(`'${d.id}'`) || text.includes(`"${d.id}"`)) named.push(`${path} names ${d.id}`);
    // The well-known ports of protocols provisioning finds (PJLink, WS-Discovery, Samsung MDC) belong to their drivers too.
    for (const port of ['4352', '3702', '1515']) if (text.includes(port)) named.push(`${path} holds port ${port}`);
  }
  expect(named).toEqual([]);
});
