import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { rewriteYaml } from './yaml-rewrite.js';

/** room.yaml as IT left it: a comment above each device (the parser gives the first one to the list), a flow map, an inline note. */
const BY_HAND = `devices:
  # the camera over the screen
  - id: camera-1
    driver: visca-serial
  # the projector
  - id: display-1
    driver: pjlink
    inputs: { 31: Laptop } # HDMI 1 by the table
`;
const camera = { id: 'camera-1', driver: 'visca-serial' };
const display = { id: 'display-1', driver: 'pjlink', inputs: { '31': 'Laptop' } };

it('a comment above a device goes with that device when the devices change order', () => {
  const text = rewriteYaml(BY_HAND, { devices: [display, camera] });

  expect(text).toBe(`devices:
  # the projector
  - id: display-1
    driver: pjlink
    inputs: { 31: Laptop } # HDMI 1 by the table
  # the camera over the screen
  - id: camera-1
    driver: visca-serial
`);
});

it('the first device gone, its comment goes with it; a value changed keeps its inline comment', () => {
  const text = rewriteYaml(BY_HAND, { devices: [{ ...display, inputs: { '31': 'Lectern' } }] });

  expect(text).toBe(`devices:
  # the projector
  - id: display-1
    driver: pjlink
    inputs: { 31: Lectern } # HDMI 1 by the table
`);
});

it('writes exactly the value, or leaves the file to be written fresh: an alias to a changed value, a file that is not YAML', () => {
  const value = { a: { b: 2 }, c: { b: 1 } };
  expect(parse(rewriteYaml('a: &shared { b: 1 }\nc: *shared\n', value)!)).toEqual(value);
  expect(rewriteYaml('devices: [\n', { devices: [] })).toBeUndefined();
  expect(rewriteYaml(undefined, { devices: [] })).toBeUndefined();
});
