import type { DeviceView } from '../../appliance/api/api-types.js';
import type { ApiError } from './api-client.js';
import { t } from './i18n.js';
import { SHARED_REFUSALS, type RefusalWordsOf } from './shared-refusal-words.js';

/** The device an action path names: `/api/v1/devices/<id>/actions/<action>`. */
function deviceOf(path: string | undefined, devices: readonly DeviceView[]): DeviceView | undefined {
  const id = path ? /^\/api\/v1\/devices\/([^/]+)\//.exec(path)?.[1] : undefined;
  return id ? devices.find((d) => d.id === decodeURIComponent(id)) : undefined;
}

/** Words for a refusal of a device, given the device's name. */
type DeviceRefusalWords = (name: string) => string;

const notConnected: DeviceRefusalWords = (name) =>
  t('{name} is not connected. Facilities can see it in the room’s health; call them if you need it now.', { name });
const notAllowed: RefusalWordsOf = () => t('The room does not allow that value. Choose another, or call facilities if you need it.');
const notThisPanel: RefusalWordsOf = () => t('This panel is not allowed to do that (it may need to be paired again). Call facilities.');

/** Each refusal of a device the panel explains, and its words (looked up in the panel's language when shown). */
const DEVICE_REFUSALS: Readonly<Partial<Record<ApiError['code'], DeviceRefusalWords>>> = {
  ROOMCTL_E_DEVICE_OFFLINE: notConnected,
  ROOMCTL_E_CONNECT_FAILED: notConnected,
  ROOMCTL_E_PORT_NOT_FOUND: notConnected,
  ROOMCTL_E_PORT_IN_USE: notConnected,
  ROOMCTL_E_DEVICE_TIMEOUT: (name) => t('{name} did not answer. Try again in a moment.', { name }),
  ROOMCTL_E_DEVICE_BUSY: (name) => t('{name} is busy (it may be warming up). Try again in a moment.', { name }),
  ROOMCTL_E_DEVICE_REJECTED: (name) => t('{name} refused: it may be switched off or busy. Try again, or call for help.', { name }),
  // The command reached the device and the link dropped before its answer: sending it blind again could do it twice.
  ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN: (name) =>
    t('{name} lost its connection in the middle of that, so it may have done it. Look at {name} before you try again.', { name }),
  ROOMCTL_E_DEVICE_FOLLOWS_ROOM: (name) => t('{name} follows the room’s mute: use the room’s mute button.', { name }),
  ROOMCTL_E_DEVICE_AUTH: (name) => t('{name} does not accept the room’s login. Call facilities.', { name }),
  ROOMCTL_E_NOT_SUPPORTED: (name) => t('{name} cannot do that: it has no such control. Use its own buttons or remote.', { name }),
};

/** Each refusal of the room itself the panel explains, and its words. */
const ROOM_REFUSALS: Readonly<Partial<Record<ApiError['code'], RefusalWordsOf>>> = {
  ...SHARED_REFUSALS,
  ROOMCTL_E_ACTION_PARAMS: notAllowed,
  ROOMCTL_E_BAD_REQUEST: notAllowed,
  ROOMCTL_E_UNAUTHORIZED: notThisPanel,
  ROOMCTL_E_FORBIDDEN: notThisPanel,
  ROOMCTL_E_BOOKING_CONFLICT: () => t('The room is booked at that time. Choose a shorter or another time.'),
  ROOMCTL_E_NO_CALL_LAUNCHER: () =>
    t('This room does not join online meetings itself. Join from a laptop with the meeting’s link, and show it on the display.'),
  ROOMCTL_E_MEDIA_UNAVAILABLE: () => t('The room’s video is starting again. Try again in a moment.'),
  PANEL_E_NETWORK: () => t('The panel is offline. Try again when the connection is back.'),
};

/**
 * Why the room refused, in words for the person at the panel: never the server's technical
 * message or a file path (a device's detail names its serial port) — those are in the admin
 * view and the logs, where whoever fixes the room looks. The code shows only beside the
 * words for a refusal the panel cannot explain (`unexplainedCode`).
 */
export function refusalWords(error: Pick<ApiError, 'code'> & { details?: unknown }, devices: readonly DeviceView[], path?: string): string {
  const device = DEVICE_REFUSALS[error.code];
  if (device) return device(deviceOf(path, devices)?.name ?? t('The device'));
  return ROOM_REFUSALS[error.code]?.(error.details) ?? t('The room could not do that. Try again, or call for help.');
}

/**
 * The code a refusal's toast shows on a line under its words: only for one the panel has no
 * words of its own for ("Try again, or call for help"), so the person can read it out to
 * whoever they call. A refusal it explains needs none.
 */
export function unexplainedCode(error: Pick<ApiError, 'code'>): string | undefined {
  return DEVICE_REFUSALS[error.code] || ROOM_REFUSALS[error.code] ? undefined : error.code;
}
