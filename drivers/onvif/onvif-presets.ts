import { descendant, parseXml, textOf, type XmlNode } from './onvif-xml.js';

/**
 * The room numbers presets (`preset.recall {preset: 3}`); ONVIF names them with tokens the
 * camera chooses. Preset number n is the camera's preset named "Preset n" or, failing that,
 * the one whose token is "n" (most cameras number their tokens 1..N in their own UI) unless
 * that one is named for another number. Saving n with no such preset creates "Preset n".
 */
export interface CameraPreset {
  token: string;
  name: string;
  position?: { pan: number; tilt: number; zoom: number };
}

const NUMBERED = /^preset\s*(\d+)$/i;

export function presetName(n: number): string {
  return `Preset ${n}`;
}

export function findPresetFor(n: number, presets: readonly CameraPreset[]): CameraPreset | undefined {
  const byName = presets.find((p) => NUMBERED.exec(p.name.trim())?.[1] === String(n));
  if (byName) return byName;
  return presets.find((p) => {
    if (p.token !== String(n)) return false;
    const named = NUMBERED.exec(p.name.trim())?.[1];
    return named === undefined || named === String(n);
  });
}

/** Presets from a GetPresets response, tokens kept as the strings the camera sent. */
export function readPresets(xml: string | undefined): CameraPreset[] {
  const body = descendant(xml ? parseXml(xml) : undefined, 'GetPresetsResponse');
  return (body?.children ?? [])
    .filter((c) => c.name === 'Preset' && c.attrs.token)
    .map((c) => ({ token: c.attrs.token!, name: textOf(c.children.find((n) => n.name === 'Name')) ?? '', position: readPosition(c) }));
}

export function readPosition(node: XmlNode | undefined): CameraPreset['position'] {
  const panTilt = descendant(node, 'PanTilt');
  const zoom = descendant(node, 'Zoom');
  if (!panTilt && !zoom) return undefined;
  const n = (v: string | undefined) => (v !== undefined && Number.isFinite(Number(v)) ? Number(v) : 0);
  return { pan: n(panTilt?.attrs.x), tilt: n(panTilt?.attrs.y), zoom: n(zoom?.attrs.x) };
}
