import type { DeviceView } from '../../appliance/api/api-types.js';
import type { ApiError } from './api-client.js';
import { t } from './i18n.js';

/** The device an action path names: `/api/v1/devices/<id>/actions/<action>`. */
function deviceOf(path: string | undefined, devices: readonly DeviceView[]): DeviceView | undefined {
  const id = path ? /^\/api\/v1\/devices\/([^/]+)\//.exec(path)?.[1] : undefined;
  return id ? devices.find((d) => d.id === decodeURIComponent(id)) : undefined;
}

/** Words for a refusal, given the name of the device it came from (unused by refusals of the room itself). */
type RefusalWords = (name: string) => string;

const notConnected: RefusalWords = (name) => t('{name} is not connected. Facilities can see it in the room’s health; call them if you need it now.', { name });
const outsideWhatTheRoomAllows: RefusalWords = () => t('That is outside what the room allows.');
const notThisPanel: RefusalWords = () => t('This panel may not do that.');

/** Each refusal code the panel explains, and its words (looked up in the panel's language when shown). */
const REFUSALS: Readonly<Partial<Record<ApiError['code'], RefusalWords>>> = {
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
  ROOMCTL_E_NOT_SUPPORTED: (name) => t('{name} cannot do that.', { name }),
  ROOMCTL_E_ACTION_PARAMS: outsideWhatTheRoomAllows,
  ROOMCTL_E_BAD_REQUEST: outsideWhatTheRoomAllows,
  ROOMCTL_E_UNAUTHORIZED: notThisPanel,
  ROOMCTL_E_FORBIDDEN: notThisPanel,
  ROOMCTL_E_BOOKING_CONFLICT: () => t('The room is booked at that time.'),
  ROOMCTL_E_CHECKIN_CLOSED: () => t('Check-in is not open now.'),
  ROOMCTL_E_AGENDA_CHANGED: () => t('Someone else changed the agenda meanwhile.'),
  ROOMCTL_E_MEETING_STATE: () => t('The meeting cannot do that now.'),
  ROOMCTL_E_MEETING_NOT_FOUND: () => t('This meeting is no longer on the room’s calendar.'),
  ROOMCTL_E_MINUTES_SENT: () => t('The minutes have been sent: they can no longer be changed here.'),
  ROOMCTL_E_RATE_LIMITED: () => t('Too many tries at once. Wait a moment and try again.'),
  ROOMCTL_E_MEDIA_UNAVAILABLE: () => t('The room’s video is starting again. Try again in a moment.'),
  PANEL_E_NETWORK: () => t('The panel is offline. Try again when the connection is back.'),
};

/**
 * Why the room refused, in words for the person at the panel: never the server's technical
 * message or a file path (a device's detail names its serial port) — those are in the admin
 * view and the logs, where whoever fixes the room looks. The code shows only beside the
 * words for a refusal the panel cannot explain (`unexplainedCode`).
 */
export function refusalWords(error: Pick<ApiError, 'code'>, devices: readonly DeviceView[], path?: string): string {
  const words = REFUSALS[error.code];
  if (!words) return t('The room could not do that. Try again, or call for help.');
  return words(deviceOf(path, devices)?.name ?? t('The device'));
}

/**
 * The code a refusal's toast shows on a line under its words: only for one the panel has no
 * words of its own for ("Try again, or call for help"), so the person can read it out to
 * whoever they call. A refusal it explains needs none.
 */
export function unexplainedCode(error: Pick<ApiError, 'code'>): string | undefined {
  return REFUSALS[error.code] ? undefined : error.code;
}
