import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { roomYaml } from './room-config-build.js';
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
  const { text } = rewriteYaml(BY_HAND, { devices: [display, camera] });

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
  const { text } = rewriteYaml(BY_HAND, { devices: [{ ...display, inputs: { '31': 'Lectern' } }] });

  expect(text).toBe(`devices:
  # the projector
  - id: display-1
    driver: pjlink
    inputs: { 31: Lectern } # HDMI 1 by the table
`);
});

it('writes exactly the value, or says why the file must be written fresh and how many comments that drops', () => {
  const value = { a: { b: 2 }, c: { b: 1 } };
  expect(parse(rewriteYaml('a: &shared { b: 1 }\nc: *shared\n', value).text!)).toEqual(value);
  expect(rewriteYaml(undefined, { devices: [] })).toEqual({});

  // IT's tab where spaces go: not YAML. Provisioning's own header comment, written again, is not counted as dropped.
  const broken = '# Room config written by `roomctl provision`.\n# the room by the lifts\nroom:\n\tid: a # tab\n';
  expect(rewriteYaml(broken, { room: { id: 'a' } }, '# Room config written by `roomctl provision`.\nroom:\n  id: a\n')).toEqual({
    fresh: { code: 'ROOMCTL_E_KEPT_FILE_UNREADABLE', why: expect.stringMatching(/^is not YAML provisioning can read \(.*tab/i), comments: 2 },
  });
  expect(rewriteYaml('# a list\n- a\n', { devices: [] }).fresh).toEqual({
    code: 'ROOMCTL_E_KEPT_FILE_UNREADABLE',
    why: 'has no map of keys at its top level',
    comments: 1,
  });
  // The value an alias stood for is gone: no edit of this file can say the new value.
  expect(rewriteYaml('a: &x 1 # one\nb: *x\n', { b: 1 }).fresh).toEqual({
    code: 'ROOMCTL_E_KEPT_FILE_NOT_EDITABLE',
    why: 'has an alias (*name) standing for a value this run changes',
    comments: 1,
  });
});

/** room.yaml as IT keeps it: comments everywhere, aligned, blank lines, extra spaces, quoting and a flow map of its own. */
const KEPT_BY_HAND = `# Room config written by \`roomctl provision\`.
#   the third floor, by the lifts


room:   # asked facilities for the name
  id: hq-3f-aurora     # as on the door
  name:   "Aurora"

  site: hq
api:
    listen: 0.0.0.0:8080
devices:

  # the camera over the screen
  -   id: camera-1
      driver: visca-serial    #  an SRG-X120

  -  id: display-1
     driver:   pjlink
     host: 10.0.0.30
     inputs: {31: Laptop,   32: "Wireless"}  # HDMI 1 by the table
  # ask about a second camera
secrets: secrets.yaml
#the end


`;

it('a rerun that changes nothing writes the same bytes, comments, spacing and quoting as IT left them', () => {
  expect(rewriteYaml(KEPT_BY_HAND, parse(KEPT_BY_HAND)).text).toBe(KEPT_BY_HAND);
});

it("a rerun that changes one device changes only that device's lines", () => {
  const lines = KEPT_BY_HAND.split('\n');
  const changed = (value: Record<string, unknown>) => {
    const after = rewriteYaml(KEPT_BY_HAND, value).text!.split('\n');
    expect(parse(after.join('\n'))).toEqual(value);
    return { gone: lines.filter((l) => !after.includes(l)), came: after.filter((l) => !lines.includes(l)) };
  };
  const value = () => parse(KEPT_BY_HAND) as { devices: Record<string, unknown>[] };

  const moved = value();
  Object.assign(moved.devices[1]!, { host: '10.0.0.31', inputs: { '31': 'Lectern, left', '32': 'Wireless' } });
  expect(changed(moved)).toEqual({
    gone: ['     host: 10.0.0.30', '     inputs: {31: Laptop,   32: "Wireless"}  # HDMI 1 by the table'],
    came: ['     host: 10.0.0.31', '     inputs: {31: "Lectern, left",   32: "Wireless"}  # HDMI 1 by the table'],
  });

  const modelRead = value();
  Object.assign(modelRead.devices[0]!, { model: 'sony' });
  expect(changed(modelRead)).toEqual({ gone: [], came: ['      model: sony'] });

  const unplugged = value();
  unplugged.devices.splice(0, 1, { id: 'mic-1', driver: 'shure-mxa', host: '10.0.0.40' });
  expect(changed(unplugged)).toEqual({
    gone: ['  # the camera over the screen', '  -   id: camera-1', '      driver: visca-serial    #  an SRG-X120'],
    came: ['  - id: mic-1', '    driver: shure-mxa', '    host: 10.0.0.40'],
  });
});

describe('a file saved with Windows line endings (\\r\\n)', () => {
  const windows = (text: string) => text.replace(/\n/g, '\r\n');
  const KEPT_ON_WINDOWS = windows(KEPT_BY_HAND);
  /** The text's line breaks that are a bare \n: none, in a file that keeps its own line ending. */
  const bareBreaks = (text: string) => text.split('\n').filter((line, i, all) => i < all.length - 1 && !line.endsWith('\r')).length;
  const value = () => parse(KEPT_ON_WINDOWS) as { room: Record<string, unknown>; devices: Record<string, unknown>[] };

  it('keeps them on every line a rerun adds or changes, and every other byte', () => {
    expect(rewriteYaml(KEPT_ON_WINDOWS, value()).text).toBe(KEPT_ON_WINDOWS);

    const changed = value();
    Object.assign(changed.devices[0]!, { model: 'sony' }); // a line added inside a device
    Object.assign(changed.devices[1]!, { host: '10.0.0.31' }); // a line changed
    changed.room.floor = 3; // a key added at the end of a map
    changed.devices.push({ id: 'mic-1', driver: 'shure-mxa', inputs: { '1': 'Table' } }); // a device added, several lines
    const text = rewriteYaml(KEPT_ON_WINDOWS, changed).text!;
    expect(parse(text)).toEqual(changed);
    expect(bareBreaks(text)).toBe(0);
    expect(text).toContain('      model: sony\r\n');
    expect(text).toContain('     host: 10.0.0.31\r\n');
    expect(text).toContain('  - id: mic-1\r\n    driver: shure-mxa\r\n    inputs:\r\n      "1": Table\r\n');

    // Devices in a new order are an edit of the parsed document, which writes every line again: in the file's ending too.
    const reordered = value();
    reordered.devices.reverse();
    const moved = rewriteYaml(KEPT_ON_WINDOWS, reordered).text!;
    expect(parse(moved)).toEqual(reordered);
    expect(bareBreaks(moved)).toBe(0);
  });

  it("a file written fresh over it (IT's tab made it unreadable) keeps them too; a new file, and a file of \\n lines, get \\n", () => {
    const broken = windows('room:\n\tid: a\n');
    const fresh = roomYaml({ room: { id: 'a' } }, broken);
    expect(fresh.fresh?.code).toBe('ROOMCTL_E_KEPT_FILE_UNREADABLE');
    expect(fresh.text).toMatch(/\r\nroom:\r\n {2}id: a\r\n$/);
    expect(bareBreaks(fresh.text)).toBe(0);
    expect(roomYaml({ room: { id: 'a' } }).text).not.toContain('\r');
    expect(rewriteYaml('room:\n  id: a\n', { room: { id: 'a', name: 'A' } }).text).toBe('room:\n  id: a\n  name: A\n');
  });

  it("takes the ending most of the file's lines have (a file an older rerun left mixed), and leaves the lines it does not touch as they are", () => {
    const mixed = 'room:\r\n  id: a\r\n  name: A\n  site: hq\r\n';
    expect(rewriteYaml(mixed, { room: { id: 'b', name: 'A', site: 'hq', floor: 3 } }).text).toBe('room:\r\n  id: b\r\n  name: A\n  site: hq\r\n  floor: 3\r\n');
  });
});
