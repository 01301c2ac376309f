import type { DeviceView } from '../../appliance/api/api-types.js';
import type { ApiError } from './api-client.js';
import { t } from './i18n.js';

/** The device an action path names: `/api/v1/devices/<id>/actions/<action>`. */
function deviceOf(path: string | undefined, devices: readonly DeviceView[]): DeviceView | undefined {
  const id = path ? /^\/api\/v1\/devices\/([^/]+)\//.exec(path)?.[1] : undefined;
  return id ? devices.find((d) => d.id === decodeURIComponent(id)) : undefined;
}

/**
 * Why the room refused, in words for the person at the panel: never the error code, the
 * server's technical message or a file path (a device's detail names its serial port) —
 * those are in the admin view and the logs, where whoever fixes the room looks.
 */
export function refusalWords(error: Pick<ApiError, 'code'>, devices: readonly DeviceView[], path?: string): string {
  const device = deviceOf(path, devices);
  const name = device?.name ?? t('The device');
  switch (error.code) {
    case 'ROOMCTL_E_DEVICE_OFFLINE':
    case 'ROOMCTL_E_CONNECT_FAILED':
    case 'ROOMCTL_E_PORT_NOT_FOUND':
    case 'ROOMCTL_E_PORT_IN_USE':
      return t('{name} is not connected. Facilities can see it in the room’s health; call them if you need it now.', { name });
    case 'ROOMCTL_E_DEVICE_TIMEOUT':
      return t('{name} did not answer. Try again in a moment.', { name });
    case 'ROOMCTL_E_DEVICE_BUSY':
      return t('{name} is busy (it may be warming up). Try again in a moment.', { name });
    case 'ROOMCTL_E_DEVICE_REJECTED':
      return t('{name} refused: it may be switched off or busy. Try again, or call for help.', { name });
    case 'ROOMCTL_E_DEVICE_AUTH':
      return t('{name} does not accept the room’s login. Call facilities.', { name });
    case 'ROOMCTL_E_NOT_SUPPORTED':
      return t('{name} cannot do that.', { name });
    case 'ROOMCTL_E_ACTION_PARAMS':
    case 'ROOMCTL_E_BAD_REQUEST':
      return t('That is outside what the room allows.');
    case 'ROOMCTL_E_UNAUTHORIZED':
    case 'ROOMCTL_E_FORBIDDEN':
      return t('This panel may not do that.');
    case 'ROOMCTL_E_BOOKING_CONFLICT':
      return t('The room is booked at that time.');
    case 'ROOMCTL_E_CHECKIN_CLOSED':
      return t('Check-in is not open now.');
    case 'ROOMCTL_E_MEETING_STATE':
      return t('The meeting cannot do that now.');
    case 'PANEL_E_NETWORK':
      return t('The panel is offline. Try again when the connection is back.');
    default:
      return t('The room could not do that. Try again, or call for help.');
  }
}
