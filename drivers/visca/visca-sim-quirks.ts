import { parseQuirkNames } from '../sim/quirk-names.js';
import type { QuirkProfile } from '../sim/simulator.js';

/**
 * Ways real VISCA cameras differ from the friendly simulator, each from a public report or
 * a vendor's command list. `roomctl sim visca-serial --quirks a,b` (and visca-ip); the VISCA
 * scenario tests run both drivers against each.
 */
export const VISCA_QUIRKS = [
  {
    name: 'no-position-inquiry',
    description:
      'PanTiltPosInq (8x 09 06 12 FF) is not implemented: the camera answers syntax error (y0 60 02 FF), as it does for any command it does not know.',
    source:
      'bitfocus/companion-module-birddog-ptz#203 (BirdDog P100: pan and tilt variables stay 0, only zoom is read back); Sony VISCA command lists mark the inquiry per model; syntax error is the VISCA answer to an unknown command (Sony BRC/SRG technical manuals).',
  },
  {
    name: 'silent-position-inquiry',
    description: 'PanTiltPosInq gets no answer at all (the camera drops inquiries it does not implement).',
    source: 'misterhay/VISCA-IP-Controller#35 (Telycam: get_pantilt_position raises NoQueryResponse after 5 tries).',
  },
  {
    name: 'presets-0-127',
    description: 'The camera stores presets 0..127 whatever model is configured; a higher preset number answers syntax error.',
    source:
      'Lumens VC-A50P/VC-A61P VISCA command list (memory 0–127); PTZOptics and Sony document 0–254/0–255, so a controller that assumes those overruns such a camera.',
  },
] as const satisfies readonly QuirkProfile[];

export type ViscaQuirk = (typeof VISCA_QUIRKS)[number]['name'];
export const VISCA_QUIRK_NAMES = VISCA_QUIRKS.map((q) => q.name) as ViscaQuirk[];

/** The profile names asked for (`roomctl sim visca-* --quirks a,b`), checked. */
export function parseViscaQuirks(names: readonly string[] | undefined): ViscaQuirk[] {
  return parseQuirkNames(names, VISCA_QUIRK_NAMES, 'VISCA');
}
