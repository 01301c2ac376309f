/**
 * The house, checked from the code's own imports: drivers know no room, the API is the top of
 * the room (no module imports it), nothing below the CLI imports the app's wiring, and no
 * circle of imports exists; the room's model and the room–fleet contract stand on the drivers'
 * core alone. Known debts are listed by name below and may only shrink: an
 * arrow that is fixed must leave the list (the test fails on a listed debt that is gone), and
 * a new arrow against the floors fails at once.
 */
import { readFileSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { isTestOnly, productSources } from '../helpers/project-sources.js';

/** file → the project files it imports (static imports, re-exports and import() with a literal). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const top of ['drivers', 'contract', 'appliance', 'fleet', 'provisioning', 'cli', 'panel-ui/src']) {
    for (const file of productSources(top)) {
      const code = readFileSync(join(PROJECT_ROOT, file), 'utf8');
      const targets = [...code.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => normalize(join(file, '..', m[1]!)).replace(/\.js$/, '.ts'));
      graph.set(file, [...new Set(targets.filter((t) => !isTestOnly(t)))]);
    }
  }
  return graph;
}

/** Arrows that break a floor rule, as "from -> to". */
function floorViolations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const arrow = `${from} -> ${to}`;
      if (from.startsWith('drivers/') && !to.startsWith('drivers/')) out.push(arrow);
      // The room's ground floor (domain views, health, events, clock, outbox, bus) stands on the drivers' core only.
      else if (from.startsWith('appliance/model/') && !to.startsWith('appliance/model/') && !to.startsWith('drivers/core/')) out.push(arrow);
      // The room's config is low: it composes each module's config section, a leaf (its schema and, at most, a sibling constant), and nothing else of the modules.
      else if (from.startsWith('appliance/config/') && to.startsWith('appliance/') && !to.startsWith('appliance/config/') && !/-config\.ts$/.test(to))
        out.push(arrow);
      else if (/^appliance\/(?!config\/)[^/]+\/[^/]+-config\.ts$/.test(from) && to.startsWith('appliance/') && to.split('/')[1] !== from.split('/')[1])
        out.push(arrow);
      // The room has one clock: its code takes every clock (the drivers' shape included) from its model.
      else if (from.startsWith('appliance/') && !from.startsWith('appliance/model/') && to === 'drivers/core/clock.ts') out.push(arrow);
      // The contract between room and fleet sits below both, above the drivers: it stands on the drivers' core only.
      else if (from.startsWith('contract/') && !to.startsWith('contract/') && !to.startsWith('drivers/core/')) out.push(arrow);
      // The CLI is the top of the house: nothing imports it.
      else if (to.startsWith('cli/') && !from.startsWith('cli/')) out.push(arrow);
      // The fleet and provisioning are programs of their own above the room; the room never reaches up into either, nor they into each other.
      else if (from.startsWith('appliance/') && (to.startsWith('provisioning/') || to.startsWith('fleet/'))) out.push(arrow);
      else if (from.startsWith('fleet/') && to.startsWith('provisioning/')) out.push(arrow);
      else if (from.startsWith('provisioning/') && to.startsWith('fleet/')) out.push(arrow);
      // The API is the top of the room: only the room's wiring (app.ts and its module list, modules.ts), the demo and the CLI import it (its clients, the panel and the doctor, read its types).
      else if (
        to.startsWith('appliance/api/') &&
        !from.startsWith('appliance/api/') &&
        !/^(panel-ui|provisioning)\//.test(from) &&
        !/^(appliance\/(app\.ts|modules\.ts|demo\/)|cli\/)/.test(from)
      )
        out.push(arrow);
      else if (to === 'appliance/app.ts' && from.startsWith('appliance/') && !from.startsWith('appliance/demo/')) out.push(arrow);
    }
  }
  return out.sort();
}

/** Every circle, as its sorted member list joined with " + " (Tarjan's strongly connected components). */
function circles(graph: Map<string, string[]>): string[] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1) found.push(members.sort().join(' + '));
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found.sort();
}

/** Debts the structural move pays off; each line names an arrow or a circle that exists today. */
const KNOWN_FLOOR_DEBTS: string[] = [];
const KNOWN_CIRCLES: string[] = [];

const graph = importGraph();

it('no arrow runs against the floors, beyond the debts listed (and every listed debt still exists)', () => {
  const found = floorViolations(graph);
  expect(found.filter((a) => !KNOWN_FLOOR_DEBTS.includes(a))).toEqual([]);
  expect(KNOWN_FLOOR_DEBTS.filter((a) => !found.includes(a))).toEqual([]);
});

it('no circle of imports, beyond the debts listed (and every listed debt still exists)', () => {
  const found = circles(graph);
  expect(found.filter((c) => !KNOWN_CIRCLES.includes(c))).toEqual([]);
  expect(KNOWN_CIRCLES.filter((c) => !found.includes(c))).toEqual([]);
});

it('reads the imports it checks (a sanity floor under the two checks above)', () => {
  expect(graph.get('appliance/modules.ts')?.length).toBeGreaterThan(10);
  expect(relative('drivers', 'drivers/registry.ts')).toBe('registry.ts');
  // The two floors the rules above guard are read too: the room's model and the contract.
  expect([...graph.keys()].some((f) => f.startsWith('appliance/model/'))).toBe(true);
  expect([...graph.keys()].some((f) => f.startsWith('contract/'))).toBe(true);
});
