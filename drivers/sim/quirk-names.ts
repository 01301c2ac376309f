import { RoomctlError } from '../core/errors.js';

/**
 * The profile names asked for (`roomctl sim DRIVER --quirks a,b`), each checked against the
 * simulator's own list; `family` names the protocol in the error ("VISCA", "ONVIF").
 */
export function parseQuirkNames<Name extends string>(names: readonly string[] | undefined, known: readonly Name[], family: string): Name[] {
  for (const name of names ?? []) {
    if (!(known as readonly string[]).includes(name)) {
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `unknown ${family} quirk profile '${name}'`, { allowed: known });
    }
  }
  // Each name was found in `known` above.
  return [...(names ?? [])] as Name[];
}
