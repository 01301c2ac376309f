import { expect, it } from 'vitest';
import { numberPresets, presetName } from './onvif-presets.js';

const numbers = (presets: { token: string; name: string }[], max = 16) => numberPresets(presets, max).map((p) => [p.number, p.token]);

it('numbers a preset by the number in its name first, then by the one number in its token', () => {
  expect(
    numbers([
      { token: '1', name: 'Preset 3' },
      { token: '5', name: 'Hall' },
      { token: 'PresetToken_3', name: 'Desk' },
    ]),
  ).toEqual([
    [1, 'PresetToken_3'],
    [3, '1'],
    [5, '5'],
  ]);
});

it("reads the room's own names back, and names that are plain numbers", () => {
  expect(
    numbers([
      { token: 'x', name: presetName(7) },
      { token: 'y', name: '12' },
      { token: 'z', name: 'preset-005' },
    ]),
  ).toEqual([
    [5, 'z'],
    [7, 'x'],
    [12, 'y'],
  ]);
});

it("gives presets without a usable number the lowest free numbers, in the camera's order, and stops at the camera's count", () => {
  expect(
    numbers(
      [
        { token: 'a', name: 'Door' },
        { token: '1', name: 'Preset 1' },
        { token: 'b', name: 'Desk' },
        { token: 'c', name: 'Hall' },
      ],
      3,
    ),
  ).toEqual([
    [1, '1'],
    [2, 'a'],
    [3, 'b'],
  ]);
});

it('two presets claiming one number: the named one keeps it, the other gets a free one', () => {
  expect(
    numbers([
      { token: '2', name: 'Stage' },
      { token: 'q', name: 'Preset_2' },
    ]),
  ).toEqual([
    [1, '2'],
    [2, 'q'],
  ]);
});

it('a name the room gives contains nothing a restricted camera refuses', () => {
  for (const n of [1, 8, 255]) expect(presetName(n)).toMatch(/^[A-Za-z0-9_.-]+$/);
});
