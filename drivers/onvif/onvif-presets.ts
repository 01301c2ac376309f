import { descendant, parseXml, textOf, type XmlNode } from './onvif-xml.js';

/**
 * The room numbers presets (`preset.recall {preset: 3}`); ONVIF names them with tokens the
 * camera chooses and names anyone may give. The mapping from the camera's list to numbers,
 * the same every time the list is the same:
 *
 * 1. A preset whose name is a number, with or without a "Preset" word around it ("3",
 *    "Preset 3", "Preset_3", "preset-003", "3_preset") has that number.
 * 2. Otherwise a preset whose token carries exactly one number ("3", "PresetToken_3",
 *    "3_preset", "Preset003") has that number, unless rule 1 gave it to another preset.
 * 3. The presets left (a name and a token without a number, or whose number is taken) get
 *    the lowest numbers nobody has, in the order the camera lists them.
 *
 * Numbers past what the camera stores are dropped. Saving number n with no such preset
 * creates one named `Preset_n`: letters, digits and `_` only, because many cameras accept
 * no more in a preset name (no space), and rule 1 reads it back as n.
 */
export interface CameraPreset {
  token: string;
  name: string;
  position?: { pan: number; tilt: number; zoom: number };
}

export interface NumberedPreset extends CameraPreset {
  number: number;
}

/**
 * The largest preset number the schema admits. ONVIF cameras say how many they store
 * (GetNodes MaximumNumberOfPresets); the driver narrows to that and answers
 * ROOMCTL_E_ACTION_PARAMS with the camera's range.
 */
export const ONVIF_PRESET_MAX = 255;

const NUMBER_NAME = /^(?:preset[\s_.-]*)?0*(\d{1,4})(?:[\s_.-]*preset)?$/i;

export function presetName(n: number): string {
  return `Preset_${n}`;
}

function numberInName(name: string): number | undefined {
  const m = NUMBER_NAME.exec(name.trim());
  return m ? Number(m[1]) : undefined;
}

function numberInToken(token: string): number | undefined {
  const runs = token.match(/\d+/g);
  return runs?.length === 1 ? Number(runs[0]) : undefined;
}

/** Every preset of the camera with its room number (see above), in number order. */
export function numberPresets(presets: readonly CameraPreset[], max: number): NumberedPreset[] {
  const taken = new Map<number, CameraPreset>();
  const inRange = (n: number | undefined): n is number => n !== undefined && n >= 1 && n <= max;
  for (const p of presets) {
    const n = numberInName(p.name);
    if (inRange(n) && !taken.has(n)) taken.set(n, p);
  }
  const left = presets.filter((p) => ![...taken.values()].includes(p));
  for (const p of [...left]) {
    const n = numberInName(p.name) === undefined ? numberInToken(p.token) : undefined;
    if (inRange(n) && !taken.has(n)) {
      taken.set(n, p);
      left.splice(left.indexOf(p), 1);
    }
  }
  let free = 1;
  for (const p of left) {
    while (taken.has(free)) free++;
    if (free > max) break;
    taken.set(free, p);
  }
  return [...taken.entries()].sort(([a], [b]) => a - b).map(([number, p]) => ({ ...p, number }));
}

/** Presets from a GetPresets response, tokens kept as the strings the camera sent. */
export function readPresets(xml: string | undefined): CameraPreset[] {
  const body = descendant(xml ? parseXml(xml) : undefined, 'GetPresetsResponse');
  return (body?.children ?? [])
    .filter((c) => c.name === 'Preset' && c.attrs.token)
    .map((c) => ({ token: c.attrs.token!, name: textOf(c.children.find((n) => n.name === 'Name')) ?? '', position: readPosition(c) }));
}

/** A PTZ position in the camera's own units (the driver scales it to the room's). */
export function readPosition(node: XmlNode | undefined): CameraPreset['position'] {
  const panTilt = descendant(node, 'PanTilt');
  const zoom = descendant(node, 'Zoom');
  if (!panTilt && !zoom) return undefined;
  const n = (v: string | undefined) => (v !== undefined && Number.isFinite(Number(v)) ? Number(v) : 0);
  return { pan: n(panTilt?.attrs.x), tilt: n(panTilt?.attrs.y), zoom: n(zoom?.attrs.x) };
}
