import { child, type XmlNode } from './onvif-xml.js';

/**
 * The room speaks one range for every camera: pan and tilt −1..1, zoom 0..1, speeds 0..1.
 * The ONVIF PTZ spec calls its generic spaces −1..1 too, but a camera says which ranges it
 * really takes (GetNodes SupportedPTZSpaces, GetConfigurationOptions Spaces), and not every
 * camera keeps to the spec: some advertise the *generic* position space as 0..360 × 0..180
 * (degrees), others a velocity space of −100..100. The driver reads what the camera says and
 * scales both ways, so a position the room reads back can be sent again as it is.
 */
export interface AxisRange {
  min: number;
  max: number;
}

export interface PtzSpace {
  uri: string | undefined;
  x: AxisRange;
  /** Absent for zoom and speed spaces, which have one axis. */
  y?: AxisRange;
}

export interface PtzSpaces {
  absolutePanTilt: PtzSpace;
  absoluteZoom: PtzSpace;
  relativePanTilt: PtzSpace;
  relativeZoom: PtzSpace;
  continuousPanTilt: PtzSpace;
  continuousZoom: PtzSpace;
  panTiltSpeed: PtzSpace;
  zoomSpeed: PtzSpace;
  /** Where the ranges came from: the camera's answer, or the spec's generic ranges when it said nothing. */
  source: 'GetNodes' | 'GetConfigurationOptions' | 'generic';
}

const UNIT: AxisRange = { min: -1, max: 1 };
const POSITIVE: AxisRange = { min: 0, max: 1 };

export const GENERIC_SPACES: PtzSpaces = {
  absolutePanTilt: { uri: undefined, x: UNIT, y: UNIT },
  absoluteZoom: { uri: undefined, x: POSITIVE },
  relativePanTilt: { uri: undefined, x: UNIT, y: UNIT },
  relativeZoom: { uri: undefined, x: UNIT },
  continuousPanTilt: { uri: undefined, x: UNIT, y: UNIT },
  continuousZoom: { uri: undefined, x: UNIT },
  panTiltSpeed: { uri: undefined, x: POSITIVE },
  zoomSpeed: { uri: undefined, x: POSITIVE },
  source: 'generic',
};

const ELEMENTS: Record<Exclude<keyof PtzSpaces, 'source'>, string> = {
  absolutePanTilt: 'AbsolutePanTiltPositionSpace',
  absoluteZoom: 'AbsoluteZoomPositionSpace',
  relativePanTilt: 'RelativePanTiltTranslationSpace',
  relativeZoom: 'RelativeZoomTranslationSpace',
  continuousPanTilt: 'ContinuousPanTiltVelocitySpace',
  continuousZoom: 'ContinuousZoomVelocitySpace',
  panTiltSpeed: 'PanTiltSpeedSpace',
  zoomSpeed: 'ZoomSpeedSpace',
};

function range(node: XmlNode | undefined): AxisRange | undefined {
  const min = Number(child(node, 'Min')?.text.trim());
  const max = Number(child(node, 'Max')?.text.trim());
  return node && Number.isFinite(min) && Number.isFinite(max) && max > min ? { min, max } : undefined;
}

/**
 * The spaces inside `SupportedPTZSpaces` (GetNodes) or `Spaces` (GetConfigurationOptions);
 * undefined when the camera lists no usable absolute pan-tilt space. Of several spaces of a
 * kind the generic one is taken (the one a request without a `space` attribute means).
 */
export function readSpaces(container: XmlNode | undefined, source: PtzSpaces['source']): PtzSpaces | undefined {
  if (!container) return undefined;
  const spaces = { ...GENERIC_SPACES, source };
  let found = false;
  for (const [key, element] of Object.entries(ELEMENTS) as [keyof typeof ELEMENTS, string][]) {
    const candidates = container.children.filter((c) => c.name === element);
    const node = candidates.find((c) => /Generic/i.test(child(c, 'URI')?.text ?? '')) ?? candidates[0];
    const x = range(child(node, 'XRange'));
    if (!node || !x) continue;
    const y = range(child(node, 'YRange'));
    const uri = child(node, 'URI')?.text.trim() || undefined;
    spaces[key] = { uri, x, ...(GENERIC_SPACES[key].y ? { y: y ?? x } : {}) };
    if (key === 'absolutePanTilt') found = true;
  }
  return found ? spaces : undefined;
}

/** Room value in `from` → the same place in `to`, linearly. */
export function rescale(value: number, from: AxisRange, to: AxisRange): number {
  if (from.min === to.min && from.max === to.max) return value;
  const scaled = to.min + ((value - from.min) / (from.max - from.min)) * (to.max - to.min);
  // Rounding keeps float noise (0.30000000000000004) out of the camera's XML and the room's state.
  return Math.round(scaled * 1e6) / 1e6;
}

export const ROOM_AXIS = UNIT;
export const ROOM_ZOOM = POSITIVE;

/** A generic-looking translation range (±1 or so) means "in units of the generic position space". */
const isGeneric = (r: AxisRange) => r.max <= 1 && r.min >= -1;

/**
 * A room offset (a fraction of the room's −1..1, so 1 = half the travel) → the camera's
 * translation units. A camera that translates in its own units (degrees) moves by the same
 * share of its absolute range; one with a generic translation space takes the offset as is.
 */
export function translation(offset: number, position: AxisRange, translationSpace: AxisRange, room: AxisRange): number {
  const raw = isGeneric(translationSpace) ? offset : offset * ((position.max - position.min) / (room.max - room.min));
  return Math.round(Math.min(translationSpace.max, Math.max(translationSpace.min, raw)) * 1e6) / 1e6;
}

export function describeRange(r: AxisRange): string {
  return `${r.min}..${r.max}`;
}

type Vector = { pan: number; tilt: number; zoom: number };

/** The room's vectors ↔ the camera's, through the spaces the camera advertised. */
export class PtzScale {
  constructor(readonly spaces: PtzSpaces) {}

  /** Room position → AbsoluteMove's x, y (and zoom when given). */
  absolute(p: { pan: number; tilt: number; zoom?: number }): { x: number; y: number; zoom?: number } {
    const { absolutePanTilt: pt, absoluteZoom: z } = this.spaces;
    return {
      x: rescale(p.pan, ROOM_AXIS, pt.x),
      y: rescale(p.tilt, ROOM_AXIS, pt.y ?? pt.x),
      ...(p.zoom === undefined ? {} : { zoom: rescale(p.zoom, ROOM_ZOOM, z.x) }),
    };
  }

  /** Room offsets → RelativeMove's translation. */
  relative(p: Vector): { x: number; y: number; zoom: number } {
    const { absolutePanTilt: pt, absoluteZoom: z, relativePanTilt: rpt, relativeZoom: rz } = this.spaces;
    return {
      x: translation(p.pan, pt.x, rpt.x, ROOM_AXIS),
      y: translation(p.tilt, pt.y ?? pt.x, rpt.y ?? rpt.x, ROOM_AXIS),
      zoom: translation(p.zoom, z.x, rz.x, ROOM_ZOOM),
    };
  }

  /** Room speeds −1..1 → ContinuousMove's velocity. */
  velocity(v: Vector): { x: number; y: number; zoom: number } {
    const { continuousPanTilt: pt, continuousZoom: z } = this.spaces;
    return { x: rescale(v.pan, ROOM_AXIS, pt.x), y: rescale(v.tilt, ROOM_AXIS, pt.y ?? pt.x), zoom: rescale(v.zoom, ROOM_AXIS, z.x) };
  }

  /** A 0..1 fraction of the top speed → the Speed element of absolute and relative moves. */
  speed(fraction: number): { x: number; y: number; zoom: number } {
    const pt = rescale(fraction, ROOM_ZOOM, this.spaces.panTiltSpeed.x);
    return { x: pt, y: pt, zoom: rescale(fraction, ROOM_ZOOM, this.spaces.zoomSpeed.x) };
  }

  /** A position the camera reported (GetStatus, GetPresets) → the room's ranges, so it can be sent back. */
  toRoom(p: Vector | undefined): Vector | undefined {
    if (!p) return undefined;
    const { absolutePanTilt: pt, absoluteZoom: z } = this.spaces;
    return { pan: rescale(p.pan, pt.x, ROOM_AXIS), tilt: rescale(p.tilt, pt.y ?? pt.x, ROOM_AXIS), zoom: rescale(p.zoom, z.x, ROOM_ZOOM) };
  }

  /** The camera's absolute ranges, for the state and for errors. */
  describe(): { pan: string; tilt: string; zoom: string; source: PtzSpaces['source'] } {
    const { absolutePanTilt: pt, absoluteZoom: z, source } = this.spaces;
    return { pan: describeRange(pt.x), tilt: describeRange(pt.y ?? pt.x), zoom: describeRange(z.x), source };
  }
}
