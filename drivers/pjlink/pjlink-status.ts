import {
  parseErrorStatus,
  parseLampStatus,
  parseMuteState,
  parsePowerState,
  type ErrorStatus,
  type PjlinkClass,
  type PjlinkCommand,
  type PowerState,
} from './pjlink-codec.js';
import type { PjlinkReply } from './pjlink-connection.js';

/** What the `status` action returns: null where the display cannot say (standby, no lamp). */
export interface PjlinkStatus {
  power: PowerState | null;
  /** PJLink input code, e.g. '31'. */
  input: string | null;
  /** True when the sound is muted (the room's mute); a blanked picture is `videoMuted`. */
  mute: boolean | null;
  videoMuted: boolean | null;
  audioMuted: boolean | null;
  errors: ErrorStatus | null;
  /** Hours of the first lamp; null for lamp-less (LED, LCD) displays. */
  lampHours: number | null;
  name: string | null;
  class: PjlinkClass;
}

/**
 * Reads everything the panel shows about a display, one query at a time. A query the display
 * refuses (ERR1 on a lamp-less display, ERR3 for the input in standby) yields null instead of
 * failing the whole status: partial truth beats none.
 */
export async function readPjlinkStatus(exchange: (cmd: PjlinkCommand) => Promise<PjlinkReply>, pjlinkClass: PjlinkClass): Promise<PjlinkStatus> {
  const query = async (command: string): Promise<string | null> => {
    const reply = await exchange({ pjlinkClass: 1, command, param: '?' });
    return reply.kind === 'value' ? reply.value : null;
  };
  const power = await query('POWR');
  const input = await query('INPT');
  const mute = parseMuteState((await query('AVMT')) ?? '');
  const errors = parseErrorStatus((await query('ERST')) ?? '');
  const lamps = parseLampStatus((await query('LAMP')) ?? '');
  const name = await query('NAME');
  return {
    power: parsePowerState(power ?? '') ?? null,
    input,
    mute: mute ? mute.audio : null,
    videoMuted: mute?.video ?? null,
    audioMuted: mute?.audio ?? null,
    errors: errors ?? null,
    lampHours: lamps?.[0]?.hours ?? null,
    name,
    class: pjlinkClass,
  };
}
