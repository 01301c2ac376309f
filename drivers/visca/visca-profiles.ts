/**
 * Vendor quirks as data. VISCA is one protocol, but speed ceilings, preset counts and
 * position ranges differ per model family, and a value past the ceiling earns a syntax
 * error from the camera. Values come from vendor manuals (Sony EVI-D70/SRG-300/BRC-X400,
 * PTZOptics VISCA command list, Lumens VC-A50P/A61P); ranges vary inside a family, so
 * verify against the manual of the model you deploy and add a profile if it differs.
 */
export interface Range {
  min: number;
  max: number;
}

export interface ViscaProfile {
  id: string;
  label: string;
  /** Highest pan speed byte of the pan-tilt drive (VV); the slowest is always 0x01. */
  panSpeedMax: number;
  /** Highest tilt speed byte (WW). */
  tiltSpeedMax: number;
  /** Highest `p` of variable zoom/focus (`2p`/`3p`); VISCA defines 0..7 everywhere. */
  zoomSpeedMax: number;
  focusSpeedMax: number;
  /** Highest preset number `pp`; presets are numbered from 0. */
  presetMax: number;
  /** Absolute pan/tilt positions, signed 16-bit camera units (about 0.075° per unit on Sony). */
  pan: Range;
  tilt: Range;
  /** Zoom direct / ZoomPosInq, 0 = wide end of the optical zoom. */
  zoom: Range;
  /** Focus direct / FocusPosInq, near..far limits. */
  focus: Range;
}

/**
 * Any VISCA camera: the Sony EVI-D70 command set with the lower tilt ceiling most clones
 * use and the preset count most cameras reach, so nothing is refused that is likely to work.
 * Every other profile is this one with its model family's differences.
 */
const GENERIC: Omit<ViscaProfile, 'id'> = {
  label: 'Generic VISCA camera',
  panSpeedMax: 0x18,
  tiltSpeedMax: 0x14,
  zoomSpeedMax: 7,
  focusSpeedMax: 7,
  presetMax: 127,
  pan: { min: -0x08db, max: 0x08db },
  tilt: { min: -0x0190, max: 0x04b0 },
  zoom: { min: 0x0000, max: 0x4000 },
  focus: { min: 0x1000, max: 0xc000 },
};

/** What each model family changes from the generic camera. */
const FAMILY_DIFFERENCES = {
  generic: {},
  /** Sony SRG/BRC: 256 presets (0x00..0xFF) on current models; tilt speed to 0x17; wider pan, tilt and focus. */
  sony: {
    label: 'Sony SRG/BRC/EVI',
    tiltSpeedMax: 0x17,
    presetMax: 255,
    pan: { min: -0x0db0, max: 0x0db0 },
    tilt: { min: -0x0510, max: 0x0510 },
    focus: { min: 0x1000, max: 0xf000 },
  },
  /**
   * PTZOptics: presets 0..254 (PTZOptics documents 255). Note presets 90–99 trigger camera
   * functions (e.g. 95 opens the OSD menu) on many firmwares. Focus runs 0x0000..0x0FFF.
   */
  ptzoptics: {
    label: 'PTZOptics',
    presetMax: 254,
    pan: { min: -0x0990, max: 0x0990 },
    tilt: { min: -0x0190, max: 0x0510 },
    focus: { min: 0x0000, max: 0x0fff },
  },
  /** Lumens VC-A series: the generic preset count, speeds and focus; its own pan and tilt ranges. */
  lumens: {
    label: 'Lumens VC-A series',
    pan: { min: -0x0990, max: 0x0990 },
    tilt: { min: -0x01b0, max: 0x0510 },
  },
} as const satisfies Record<string, Partial<ViscaProfile>>;

export type ViscaModel = keyof typeof FAMILY_DIFFERENCES;

export const VISCA_PROFILES = Object.fromEntries(
  Object.entries(FAMILY_DIFFERENCES).map(([id, differences]) => [id, { ...GENERIC, ...differences, id }]),
) as Record<ViscaModel, ViscaProfile>;

export const VISCA_MODELS = Object.keys(VISCA_PROFILES) as ViscaModel[];

/** The largest preset number any profile allows: what the action schema admits before the model narrows it. */
export const VISCA_PRESET_MAX = Math.max(...Object.values(VISCA_PROFILES).map((p) => p.presetMax));

export function viscaProfile(model: ViscaModel | undefined): ViscaProfile {
  return VISCA_PROFILES[model ?? 'generic'];
}
