/**
 * Every exported name of the product is imported somewhere (by the product or its tests):
 * an export nothing imports is dead code or a needless export. Custom elements are the
 * panel's entry points (registered with @customElement, loaded for their side effect).
 * The API's types and the MQTT contract are public as files; the allow-list names the other public entry points,
 * each with its reason; the debts of drivers/ (being reshaped: typed action handlers) may only shrink.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { productSources } from '../helpers/project-sources.js';
import { KNOWN_UNIMPORTED_IN_DRIVERS } from './no-dead-exports.known.js';

/** Public entry points nothing in the repository imports by name, and why they stay exported. */
const ALLOWED: Record<string, string> = {
  'cli/main.ts: reportCrashes': 'bin/roomctl.js loads the CLI by URL (the build or the source) and calls it',
  // The floor and the polls, just landed: the empty view is not used yet (use it or delete it).
  'appliance/conversation/conversation-views.ts: EMPTY_CONVERSATION_VIEW': 'floor and polls, just landed',
  // Online meetings are being wired to the calendar and the API; these are that work's entry points.
  'appliance/calls/browser-call.ts: CallState': 'online meetings, being wired',
  'appliance/calls/call-config.ts: CallsConfig': 'online meetings, being wired',
};

/** Files whose every export is public: the API's types as its clients (the panel, scripts) read them, and the MQTT contract's schemas. */
const isPublicFile = (file: string) => file === 'appliance/api/api-types.ts' || file.startsWith('contract/');

const TOPS = ['drivers', 'contract', 'appliance', 'fleet', 'provisioning', 'cli', 'panel-ui/src'];

function* filesUnder(dir: string, ext: RegExp): Generator<string> {
  for (const name of readdirSync(join(PROJECT_ROOT, dir))) {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') continue;
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) yield* filesUnder(path, ext);
    else if (ext.test(name)) yield path;
  }
}

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
const DECLARED = /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
const LISTED = /^export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/gm;
const IMPORTED = /^\s*(?:import|export)\s+(?:type\s+)?([^;'"]*?)\s+from\s+'(\.{1,2}\/[^']+)'/gm;
/** `import('./x.js').Name` in a type, `(await import('./x.js')).Name` (a loader), or a module loaded whole. */
const DYNAMIC = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)\)?(?:\.(\w+))?/g;

/** "file: name" for every export of the product nothing imports. */
function unimportedExports(): string[] {
  const exported = new Map<string, Set<string>>();
  for (const file of TOPS.flatMap((top) => [...productSources(top)])) {
    const code = read(file);
    const names = new Set([...code.matchAll(DECLARED)].map((m) => m[1]!));
    for (const m of code.matchAll(LISTED))
      for (const part of m[1]!.split(','))
        names.add(
          part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop()!
            .trim(),
        );
    for (const m of code.matchAll(/@customElement\([^)]+\)\s*export class (\w+)/g)) names.delete(m[1]!);
    names.delete('');
    exported.set(file, names);
  }
  const used = new Map<string, Set<string>>();
  const whole = new Set<string>();
  const mark = (file: string, name: string) => used.set(file, (used.get(file) ?? new Set()).add(name));
  const importers = [...TOPS, 'tests'].flatMap((top) => [...filesUnder(top, /\.ts$/)]);
  for (const file of importers) {
    const code = read(file);
    const target = (spec: string) => normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts');
    for (const m of code.matchAll(IMPORTED)) {
      const clause = m[1]!;
      if (clause.includes('*')) whole.add(target(m[2]!));
      for (const part of clause.match(/\{([\s\S]*)\}/)?.[1]?.split(',') ?? [])
        mark(
          target(m[2]!),
          part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!
            .trim(),
        );
    }
    // import('./x.js').Name in a type, (await import('./x.js')).Name (the CLI's commands, the simulators), or a module loaded whole.
    for (const m of code.matchAll(DYNAMIC)) {
      if (m[2]) mark(target(m[1]!), m[2]);
      else whole.add(target(m[1]!));
    }
  }
  const out: string[] = [];
  for (const [file, names] of exported) {
    if (isPublicFile(file)) continue;
    for (const name of names) if (!used.get(file)?.has(name) && !whole.has(file)) out.push(`${file}: ${name}`);
  }
  return out.sort();
}

const unimported = unimportedExports();
const inDrivers = (entry: string) => entry.startsWith('drivers/');

it('every export of the room, the fleet, the CLI, provisioning and the panel is imported somewhere (or is an allowed entry point)', () => {
  expect(unimported.filter((e) => !inDrivers(e) && !(e in ALLOWED))).toEqual([]);
  // An allowed name that is imported now leaves the list.
  expect(Object.keys(ALLOWED).filter((e) => !unimported.includes(e))).toEqual([]);
});

it('drivers/ export nothing new that nobody imports (and each listed debt still exists)', () => {
  const found = unimported.filter(inDrivers);
  expect(found.filter((e) => !KNOWN_UNIMPORTED_IN_DRIVERS.includes(e))).toEqual([]);
  expect(KNOWN_UNIMPORTED_IN_DRIVERS.filter((e) => !found.includes(e))).toEqual([]);
});

it('finds an export nobody imports (a sanity floor under the checks above)', () => {
  expect(unimported).toContain('cli/main.ts: reportCrashes');
  expect(unimported.some((e) => e.startsWith('appliance/store/'))).toBe(false);
});
