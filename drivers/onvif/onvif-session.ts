import type { Cam } from 'onvif';
import type { RoomctlError } from '../core/errors.js';
import { onvifError } from './onvif-faults.js';

export interface OnvifSessionConfig {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** `ws-security` (WS-UsernameToken, the ONVIF default; HTTP digest still answered if the camera asks) or `digest` only. */
  auth: 'ws-security' | 'digest';
  timeoutMs: number;
}

/** The onvif client's callback: the parsed body, and the raw XML we read ourselves. */
// biome-ignore lint/suspicious/noExplicitAny: the onvif client types every reply as any
export type OnvifCallback = (err: Error | null, data?: any, xml?: string) => void;

/**
 * One connection's worth of the `onvif` npm client (agsh/onvif), with promises and coded
 * errors. The client does the SOAP, the WS-UsernameToken header and the digest handshake;
 * we read replies from the raw XML where the client's number-guessing would mangle tokens.
 */
export class OnvifSession {
  readonly cam: Cam;
  private closed = false;

  /**
   * The `onvif` client (and its XML stack) is loaded by the first ONVIF camera that
   * connects, not at start: a room without one never pays for it.
   */
  static async open(config: OnvifSessionConfig, onLinkBroken: (error: RoomctlError) => void): Promise<OnvifSession> {
    const { default: onvif } = await import('onvif');
    return new OnvifSession(onvif.Cam, config, onLinkBroken);
  }

  private constructor(
    CamClass: typeof Cam,
    config: OnvifSessionConfig,
    /** A network failure (refused, reset, timeout): the driver reports the link lost. */
    private readonly onLinkBroken: (error: RoomctlError) => void,
  ) {
    this.cam = new CamClass({
      hostname: config.host,
      port: config.port,
      username: config.username,
      password: config.password,
      timeout: config.timeoutMs,
      autoconnect: false,
      // Cameras behind NAT or with a wrong clock of their own advertise unreachable XAddrs.
      preserveAddress: true,
      useWSSecurity: config.auth !== 'digest',
    });
    this.cam.on('warning', () => undefined);
  }

  call(operation: string, invoke: (callback: OnvifCallback) => void): Promise<{ data: unknown; xml: string | undefined }> {
    return new Promise((resolve, reject) => {
      try {
        invoke((err, data, xml) => {
          if (!err) return resolve({ data, xml });
          const { error, linkBroken } = onvifError(err, xml, operation);
          if (linkBroken && !this.closed) this.onLinkBroken(error);
          reject(error);
        });
      } catch (err) {
        // The client throws synchronously on state it does not expect (e.g. no active source).
        reject(onvifError(err, undefined, operation).error);
      }
    });
  }

  close(): void {
    this.closed = true;
    // Ends the client's pull-point loop after its current request.
    this.cam.removeAllListeners('event');
    this.cam.removeAllListeners('eventsError');
  }
}
