import { SNAPSHOT_MAX_BYTES, type SnapshotResult } from '../core/capabilities.js';
import { RoomctlError } from '../core/errors.js';
import { jpegInfo } from '../core/jpeg-info.js';
import { boundedGet } from '../transports/http-get.js';
import type { OnvifSession } from './onvif-session.js';
import { descendant, parseXml, textOf } from './onvif-xml.js';

export interface OnvifSnapshotConfig {
  host: string;
  username?: string;
  password?: string;
  timeoutMs: number;
}

/**
 * A still from an ONVIF camera: Media GetSnapshotUri for the driver's profile (asked once
 * per connection), then an HTTP GET of that JPEG with the camera's credentials — digest
 * when the camera asks for it, as ONVIF requires of snapshot URIs.
 */
export class OnvifSnapshots {
  private uri: URL | undefined;

  constructor(private readonly config: OnvifSnapshotConfig) {}

  /** Forget the URI (a new connection, or another profile, may give another one). */
  reset(): void {
    this.uri = undefined;
  }

  async take(session: OnvifSession, profileToken: string): Promise<SnapshotResult> {
    this.uri ??= await this.snapshotUri(session, profileToken);
    const answer = await boundedGet(this.uri, {
      username: this.config.username,
      password: this.config.password,
      timeoutMs: this.config.timeoutMs,
      maxBytes: SNAPSHOT_MAX_BYTES,
      what: 'ONVIF snapshot',
    });
    if (!answer.body)
      throw new RoomctlError('ROOMCTL_E_STILL_INVALID', `the camera's snapshot is larger than ${SNAPSHOT_MAX_BYTES} bytes`, { maxBytes: SNAPSHOT_MAX_BYTES });
    const info = jpegInfo(answer.body);
    if (!info) {
      throw new RoomctlError(
        'ROOMCTL_E_STILL_INVALID',
        `the camera's snapshot is not a whole JPEG (${answer.contentType ?? 'no content type'}, ${answer.body.length} bytes)`,
        { contentType: answer.contentType ?? null },
      );
    }
    return { contentType: 'image/jpeg', width: info.width, height: info.height, bytes: answer.body.length, data: answer.body.toString('base64') };
  }

  private async snapshotUri(session: OnvifSession, profileToken: string): Promise<URL> {
    const { xml } = await session.call('GetSnapshotUri', (cb) => session.cam.getSnapshotUri({ profileToken }, cb));
    const text = textOf(descendant(descendant(parseXml(xml ?? ''), 'MediaUri'), 'Uri')) ?? '';
    return pinnedToCamera(text, this.config.host);
  }
}

/**
 * The snapshot URI with its host replaced by the camera's configured one: cameras behind
 * NAT advertise addresses the appliance cannot reach (the session keeps its own address
 * for the same reason), and the camera's credentials must never go to another host.
 */
export function pinnedToCamera(text: string, host: string): URL {
  let uri: URL;
  try {
    uri = new URL(text);
  } catch {
    throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `the camera gave no usable snapshot URI (${JSON.stringify(text.slice(0, 80))})`);
  }
  if (uri.protocol !== 'http:' && uri.protocol !== 'https:')
    throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `the camera's snapshot URI is ${uri.protocol}, not HTTP`, { uri: uri.origin });
  uri.hostname = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  uri.username = '';
  uri.password = '';
  return uri;
}
