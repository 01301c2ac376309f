import { RoomctlError } from '../core/errors.js';
import { reachableUri } from './onvif-events-and-uri.js';
import { numberPresets, readPosition, readPresets, type NumberedPreset } from './onvif-presets.js';
import type { PtzScale } from './onvif-ptz-spaces.js';
import type { OnvifSession } from './onvif-session.js';
import { child, descendant, escapeXml, parseXml, textOf } from './onvif-xml.js';

// The ONVIF calls the driver makes on one media profile, and what their answers say in the room's terms.

/** GetStatus: where the camera points (on the room's scale) and whether it moves. */
export async function readStatus(
  session: OnvifSession,
  profileToken: string,
  scale: PtzScale,
): Promise<{ position: ReturnType<PtzScale['toRoom']>; moving: boolean }> {
  const { xml } = await session.call('GetStatus', (cb) => session.cam.getStatus({ profileToken }, cb));
  const status = descendant(parseXml(xml ?? ''), 'PTZStatus');
  const position = scale.toRoom(readPosition(child(status, 'Position')));
  const moveStatus = child(status, 'MoveStatus');
  const moving = [textOf(child(moveStatus, 'PanTilt')), textOf(child(moveStatus, 'Zoom'))].includes('MOVING');
  return { position, moving };
}

/** GetStreamUri (RTSP), with the camera's host put back where it answered a name the room cannot reach. */
export async function readStreamUri(session: OnvifSession, profileToken: string, host: string): Promise<string> {
  const { xml } = await session.call('GetStreamUri', (cb) => session.cam.getStreamUri({ protocol: 'RTSP', profileToken }, cb));
  return reachableUri(textOf(descendant(descendant(parseXml(xml ?? ''), 'MediaUri'), 'Uri')) ?? '', host);
}

export async function readDeviceInformation(session: OnvifSession): Promise<Record<string, string>> {
  const { xml } = await session.call('GetDeviceInformation', (cb) => session.cam.getDeviceInformation(cb));
  const response = descendant(parseXml(xml ?? ''), 'GetDeviceInformationResponse');
  const field = (name: string) => textOf(child(response, name)) ?? '';
  return { manufacturer: field('Manufacturer'), model: field('Model'), firmwareVersion: field('FirmwareVersion'), serialNumber: field('SerialNumber') };
}

/** GetPresets, numbered 1..maxPresets, their positions on the room's scale. */
export async function readNumberedPresets(session: OnvifSession, profileToken: string, maxPresets: number, scale: PtzScale): Promise<NumberedPreset[]> {
  const { xml } = await session.call('GetPresets', (cb) => session.cam.getPresets({ profileToken }, cb));
  return numberPresets(readPresets(xml), maxPresets).map((p) => ({ ...p, position: scale.toRoom(p.position) }));
}

/** SetPreset: the token the camera gave it; a full camera is a refusal that says how many it stores. */
export async function savePreset(session: OnvifSession, profileToken: string, maxPresets: number, name: string, token: string | undefined): Promise<string> {
  try {
    const { xml } = await session.call('SetPreset', (cb) =>
      session.cam.setPreset({ profileToken, presetName: escapeXml(name), ...(token ? { presetToken: escapeXml(token) } : {}) }, cb),
    );
    return textOf(descendant(parseXml(xml ?? ''), 'PresetToken')) ?? token ?? '';
  } catch (err) {
    const e = err as RoomctlError;
    if (/TooManyPresets/.test(String((e.details as { fault?: unknown } | undefined)?.fault))) {
      throw new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `the camera is full: it stores ${maxPresets} presets; overwrite or remove one`, e.details);
    }
    throw err;
  }
}
