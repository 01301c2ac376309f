import { RoomctlError } from '../core/errors.js';
import type { TtpCommand } from './tesira-codec.js';

/**
 * A `-ERR` reply as the coded error a person can act on. The link stays up: these are the
 * device refusing one command, not the protocol breaking.
 */
export function tesiraError(message: string, cmd: Pick<TtpCommand, 'instanceTag' | 'verb' | 'attribute'>): RoomctlError {
  const details = { instanceTag: cmd.instanceTag, command: `${cmd.verb} ${cmd.attribute}`, reply: `-ERR ${message}` };
  if (/address not found/i.test(message)) {
    return new RoomctlError(
      'ROOMCTL_E_DEVICE_REJECTED',
      `the Tesira has no block with instance tag "${cmd.instanceTag}"; check the tag in Tesira software (it is case-sensitive) and in the config`,
      details,
    );
  }
  if (/INVALID_PARAMETER|out of range|expected/i.test(message)) {
    return new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `the Tesira refused the value for ${cmd.instanceTag} ${cmd.attribute}: ${message}`, details);
  }
  if (/Unknown command|INVALID_ATTRIBUTE|not supported/i.test(message)) {
    return new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `block "${cmd.instanceTag}" does not support ${cmd.verb} ${cmd.attribute}: ${message}`, details);
  }
  return new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `the Tesira refused ${cmd.instanceTag} ${cmd.verb} ${cmd.attribute}: ${message}`, details);
}
