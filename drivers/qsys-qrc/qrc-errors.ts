import { RoomctlError } from '../core/errors.js';
import { QRC_ERRORS } from './qrc-codec.js';

/** A QRC error reply as the coded error a person can act on; the session stays up. */
export function qrcError(method: string, code: number, message: string): RoomctlError {
  const details = { method, qrcCode: code, qrcMessage: message };
  const words = `${QRC_ERRORS[code] ?? 'error'} (${code}): ${message}`;
  switch (code) {
    case 10:
      return new RoomctlError(
        'ROOMCTL_E_DEVICE_AUTH',
        `the Core refused ${method}: ${words}: wrong user or password; fix them in the room config or its secrets.yaml`,
        details,
      );
    case -32604:
      return new RoomctlError('ROOMCTL_E_DEVICE_BUSY', `the Core is on standby and cannot run ${method}`, details);
    case -32601:
      return new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `the Core does not know ${method}: ${words}`, details);
    case -32602:
    case 9:
      return new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `the Core refused the parameters of ${method}: ${words}`, details);
    case 7:
    case 8:
      return new RoomctlError(
        'ROOMCTL_E_DEVICE_REJECTED',
        `${words}; the name must match the component's Code Name in Q-SYS Designer (Script Access on)`,
        details,
      );
    default:
      return new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `the Core refused ${method}: ${words}`, details);
  }
}
