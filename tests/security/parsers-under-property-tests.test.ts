import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';

const DRIVERS = join(PROJECT_ROOT, 'drivers');
/** Files that turn a device's bytes or text into values: codecs, parsers, framers, headers, XML. */
const PARSER = /(codec|parser|framer|header|xml|wedge|layout|messages|soap|faults)\.ts$/;

/**
 * Every protocol parser reads what a device, or anything on its network, chooses to send:
 * each one is imported by a property test in its own folder. A new driver's codec without
 * one fails here.
 */
it('every protocol parser in drivers/ has a property test that exercises it', () => {
  const missing: string[] = [];
  let parsers = 0;
  for (const folder of readdirSync(DRIVERS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const dir = join(DRIVERS, folder.name);
    const files = readdirSync(dir);
    const propertyTests = files.filter((f) => f.endsWith('.property.test.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));
    for (const file of files.filter((f) => PARSER.test(f) && !f.endsWith('.test.ts'))) {
      parsers++;
      const module = `./${file.replace(/\.ts$/, '.js')}`;
      if (!propertyTests.some((source) => source.includes(`'${module}'`))) missing.push(`drivers/${folder.name}/${file}`);
    }
  }
  expect(parsers).toBeGreaterThan(12);
  expect(missing).toEqual([]);
});
