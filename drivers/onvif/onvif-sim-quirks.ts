import { parseQuirkNames } from '../sim/quirk-names.js';
import type { QuirkProfile } from '../sim/simulator.js';
import type { PtzVector } from './onvif-ptz-state.js';

/**
 * Ways real ONVIF cameras behave that the friendly simulator does not, each from a public
 * report of a real device (or an independent server) that another controller ran into.
 * `roomctl sim onvif --quirks a,b`; the ONVIF scenario tests run the driver against each.
 */
/** Presets an `eight-presets` camera stores. */
export const EIGHT_PRESETS = 8;

export const ONVIF_QUIRKS = [
  {
    name: 'restricted-preset-names',
    description: 'SetPreset refuses a name with anything but letters, digits and _ . - (no space): InvalidArgVal "Invalid preset name".',
    source:
      'Firmwares that keep presets under their names in a file or script: onvif_simple_server (roleoroleo/onvif_simple_server#27, presets handled by ptz_presets.sh by name), thingino ptz_presets (themactep/thingino-firmware#1558: "," and "/" in a name corrupt the store); evercam-dashboard#1129 replaces spaces before saving.',
  },
  {
    name: 'camera-preset-tokens',
    description: 'The camera chooses tokens "PresetToken_N" for new presets, and names a preset saved without a name "Preset00N".',
    source:
      'home-assistant/core#68853 (Iegeek IE50: presets named Preset001, recalled only by that token); cdavis-code/easy_onvif_workspace#49 (tokens and names the camera numbers itself).',
  },
  {
    name: 'degree-ranges',
    description:
      'GetNodes advertises the *generic* position space as 0..360 (pan) × 0..180 (tilt), translation as ±360 × ±180, and GetStatus/GetPresets report positions in it; -0.5 is refused as out of range.',
    source:
      'roleoroleo/yi-hack-Allwinner-v2#767 (Frigate log of an onvif_simple_server camera: AbsolutePanTiltPositionSpace PositionGenericSpace XRange 0.0..360.0); themactep/thingino-firmware#962 and #1537 (ranges in degrees or motor steps).',
  },
  {
    name: 'lockout',
    description:
      'After 5 failed logins the account is locked for 30 minutes: even the right password is refused with NotAuthorized meanwhile. Authentication on (admin/onvif unless --username/--password are given).',
    source:
      'rvi/ONVIFCameraAndroid#24 (GetProfiles fault "Invalid username or password! You still have 29 attempt(s)."); Hikvision and Dahua lock an account after repeated failures (their web manuals: "illegal login lock").',
  },
  {
    name: 'slow-presets',
    description: 'SetPreset and GotoPreset answer after 1.5 s (the camera writes flash / travels before replying).',
    source:
      'mnit-rtmc/iris#113 (delay while the camera handles GotoPreset); onvif_simple_server runs a shell script per preset call (roleoroleo/onvif_simple_server#27), seen answering in 1–2.5 s.',
  },
  {
    name: 'no-configuration-options',
    description: 'PTZ GetConfigurationOptions (optional) answers ActionNotSupported "Optional Action Not Implemented".',
    source: 'Allforgot/OnvifClient_gSOAP#1 (Hikvision, older firmware: PTZ configuration calls answer ActionNotSupported); milg0/onvif-java-lib#17.',
  },
  {
    name: 'eight-presets',
    description: 'The PTZ node stores 8 presets (MaximumNumberOfPresets 8); a 9th SetPreset answers TooManyPresets.',
    source: 'roleoroleo/yi-hack-Allwinner-v2#699 (Yi Dome cameras: eight preset slots 0..7 in ptz_presets.conf).',
  },
  {
    name: 'events-refused',
    description: 'The event service is advertised (WSPullPointSupport true) but CreatePullPointSubscription answers ActionNotSupported.',
    source: 'agsh/onvif#200 ("WSPullPointSupport: true" yet createPullPointSubscription fails "Action Not Implemented"); koush/scrypted#1722.',
  },
] as const satisfies readonly QuirkProfile[];

export type OnvifQuirk = (typeof ONVIF_QUIRKS)[number]['name'];
export const ONVIF_QUIRK_NAMES = ONVIF_QUIRKS.map((q) => q.name) as OnvifQuirk[];

/** The profile names asked for (`roomctl sim onvif --quirks a,b`), checked. */
export function parseOnvifQuirks(names: readonly string[] | undefined): OnvifQuirk[] {
  return parseQuirkNames(names, ONVIF_QUIRK_NAMES, 'ONVIF');
}

/** The `[A-Za-z0-9_.-]` rule of cameras with restricted preset names. */
export const PLAIN_PRESET_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export const LOCKOUT = { attempts: 5, lockMs: 30 * 60_000 };
export const SLOW_PRESET_MS = 1500;

/** What the camera's position spaces look like from outside, over the generic −1..1 state inside. */
export interface SimGeometry {
  pan: { min: number; max: number };
  tilt: { min: number; max: number };
  /** Camera position → the generic state (pan, tilt; zoom stays 0..1). */
  toState(p: PtzVector): PtzVector;
  fromState(p: PtzVector): PtzVector;
  /** A translation in camera units → generic units. */
  translationToState(t: PtzVector): PtzVector;
  translationRange: { pan: number; tilt: number };
}

const scale = (v: number, from: { min: number; max: number }, to: { min: number; max: number }) =>
  from.min === to.min && from.max === to.max ? v : to.min + ((v - from.min) / (from.max - from.min)) * (to.max - to.min);
const UNIT = { min: -1, max: 1 };

export function simGeometry(quirks: readonly string[]): SimGeometry {
  const degrees = quirks.includes('degree-ranges');
  const pan = degrees ? { min: 0, max: 360 } : UNIT;
  const tilt = degrees ? { min: 0, max: 180 } : UNIT;
  return {
    pan,
    tilt,
    toState: (p) => ({ pan: scale(p.pan, pan, UNIT), tilt: scale(p.tilt, tilt, UNIT), zoom: p.zoom }),
    fromState: (p) => ({ pan: scale(p.pan, UNIT, pan), tilt: scale(p.tilt, UNIT, tilt), zoom: p.zoom }),
    translationToState: (t) => ({ pan: (t.pan * 2) / (pan.max - pan.min), tilt: (t.tilt * 2) / (tilt.max - tilt.min), zoom: t.zoom }),
    translationRange: degrees ? { pan: 360, tilt: 180 } : { pan: 1, tilt: 1 },
  };
}
