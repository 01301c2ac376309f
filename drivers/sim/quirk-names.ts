import { RoomctlError } from '../core/errors.js';

/**
 * `a,b` (as `roomctl sim DRIVER --quirks` takes it) → the profile names, each checked against
 * the simulator's own list; `family` names the protocol in the error ("VISCA", "ONVIF").
 */
export function parseQuirkNames<Name extends string>(list: string | undefined, known: readonly Name[], family: string): Name[] {
  const names = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(known as readonly string[]).includes(name)) {
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `unknown ${family} quirk profile '${name}'`, { allowed: known });
    }
  }
  return names as Name[];
}
