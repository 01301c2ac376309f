import type { DriverContext } from '../core/definition.js';
import type { RoomctlError } from '../core/errors.js';
import type { OnvifSession } from './onvif-session.js';

/**
 * The pull-point subscription, asked for by the driver so a refusal is seen (the client would
 * only emit it); once it exists, the client's pull loop takes over. Refused or absent: the
 * state says so (`events: refused | polling`) and the driver keeps polling GetStatus while
 * the head moves. `onPtzEvent` runs for every PTZ event (to read the new position).
 */
export async function subscribeToEvents(session: OnvifSession, ctx: DriverContext, onPtzEvent: () => void): Promise<void> {
  const cam = session.cam;
  if (!cam.uri?.events) {
    ctx.publishState({ events: 'polling', eventsDetail: 'the camera offers no event service' });
    return;
  }
  try {
    await session.call('CreatePullPointSubscription', (cb) => cam.createPullPointSubscription(cb));
  } catch (err) {
    if ((err as RoomctlError).code === 'ROOMCTL_E_DEVICE_OFFLINE') throw err;
    ctx.log.info({ detail: (err as Error).message }, 'ONVIF event subscription refused; following the camera by polling');
    ctx.publishState({ events: 'refused', eventsDetail: (err as Error).message });
    return;
  }
  cam.on('eventsError', (err: unknown) => ctx.log.debug({ detail: String(err) }, 'ONVIF event pull failed; the client retries'));
  cam.on('event', (message: { topic?: { _?: string } }) => {
    const topic = typeof message.topic?._ === 'string' ? message.topic._ : 'unknown';
    ctx.publishState({ lastEvent: { topic, at: new Date().toISOString() } });
    if (/PTZ/i.test(topic)) onPtzEvent();
  });
  ctx.publishState({ events: 'subscribed', eventsDetail: null });
}

/**
 * The camera's RTSP URI with the host the room reaches it by: cameras behind NAT, with two
 * interfaces or a stale DHCP address advertise one the appliance cannot use. Only the host
 * changes; the rest stays byte for byte what the camera said (the media side checks it).
 */
export function reachableUri(uri: string, host: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*@)?(\[[^\]]*\]|[^/:?#]*)(.*)$/is.exec(uri);
  if (!m) return uri;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${m[1]}${m[2] ?? ''}${bracketed}${m[4]}`;
}
