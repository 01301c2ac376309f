import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cam } from 'onvif';
import type { RoomctlError } from '../core/errors.js';
import { replyDeadline } from '../core/reply-deadline.js';
import { onvifError } from './onvif-faults.js';

export interface OnvifSessionConfig {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** `ws-security` (WS-UsernameToken, the ONVIF default; HTTP digest still answered if the camera asks) or `digest` only. */
  auth: 'ws-security' | 'digest';
  /** How long a question (GetStatus, GetPresets...) may take; commands get more (see `timeoutFor`). */
  timeoutMs: number;
}

/** The onvif client's callback: the parsed body, and the raw XML we read ourselves. */
// biome-ignore lint/suspicious/noExplicitAny: the onvif client types every reply as any
export type OnvifCallback = (err: Error | null, data?: any, xml?: string) => void;

/**
 * Operations a camera may answer only when it has done them: writing a preset to flash, or
 * travelling to it before replying (both seen taking 1–2.5 s). They get 10 s; the joystick's
 * ContinuousMove/Stop 5 s; questions the configured `timeoutMs`.
 */
/** How long a question may take when the config does not say (a busy camera answers GetStatus in 1–2 s). */
export const QUESTION_TIMEOUT_MS = 5000;

const SLOW = new Set(['SetPreset', 'RemovePreset', 'GotoPreset', 'GotoHomePosition', 'SetHomePosition', 'AbsoluteMove', 'RelativeMove']);
const QUICK_COMMANDS = new Set(['ContinuousMove', 'Stop']);

/**
 * The client's own timer on a request: a backstop only. Each call's wait is a reply deadline
 * (reply-deadline.ts), counted in time the room was listening; the client's timer is a plain
 * one, which would drop a reply that came while the room's process was held up. It only ends a
 * request the room gave up on (closing the session ends those at once).
 */
const CLIENT_BACKSTOP_MS = 60_000;

/**
 * The most a camera's reply may hold, headers and body. An ONVIF reply is kilobytes (a
 * camera's whole capabilities some tens); something that streams on past this is not a reply,
 * and the client would keep every byte of it in memory until the request's backstop. Snapshots
 * do not come this way (transports/http-get.ts reads them, with their own bound).
 */
export const ONVIF_MAX_REPLY_BYTES = 1024 * 1024;

/** One connection per request (the client's default), each closed past ONVIF_MAX_REPLY_BYTES received. */
class BoundedAgent extends Agent {
  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    let received = 0;
    socket?.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > ONVIF_MAX_REPLY_BYTES) socket.destroy(new Error(`a reply over ${ONVIF_MAX_REPLY_BYTES} bytes, closed unread`));
    });
    return socket;
  }
}

export function timeoutFor(operation: string, questionMs: number): number {
  if (SLOW.has(operation)) return Math.max(questionMs, 10_000);
  if (QUICK_COMMANDS.has(operation)) return Math.max(questionMs, 5000);
  return questionMs;
}

/**
 * One connection's worth of the `onvif` npm client (agsh/onvif), with promises and coded
 * errors. The client does the SOAP, the WS-UsernameToken header and the digest handshake;
 * we read replies from the raw XML where the client's number-guessing would mangle tokens.
 * Each call gets a timeout fitting its operation, counted in time the room was listening (a
 * reply deadline, around the call's every request: a digest retry, a question asked again with
 * credentials); nothing is ever sent twice here.
 */
export class OnvifSession {
  readonly cam: Cam;
  private closed = false;
  /** The session's own connections (one per request, as the client's default), so closing the session ends the requests it gave up on. */
  private readonly agent = new BoundedAgent();

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
    private readonly config: OnvifSessionConfig,
    /** A network failure (refused, reset): the driver reports the link lost. */
    private readonly onLinkBroken: (error: RoomctlError) => void,
  ) {
    this.cam = new CamClass({
      hostname: config.host,
      port: config.port,
      username: config.username,
      password: config.password,
      timeout: CLIENT_BACKSTOP_MS,
      agent: this.agent,
      autoconnect: false,
      // Cameras behind NAT or with a wrong clock of their own advertise unreachable XAddrs.
      preserveAddress: true,
      useWSSecurity: config.auth !== 'digest',
    });
    this.cam.on('warning', () => undefined);
  }

  /**
   * The handshake, one authenticated request at a time: the clock and the services (which
   * ONVIF lets anyone read), then GetProfiles, whose refusal is the password's verdict, then
   * the video sources. The client's own connect() asks GetProfiles and GetVideoSources at once
   * and drops their faults (a wrong password read as "no media profile"), and costs a camera
   * that counts failed logins two per attempt.
   */
  async handshake(): Promise<void> {
    const cam = this.cam;
    await this.call('GetSystemDateAndTime', (cb) => cam.getSystemDateAndTime(cb));
    try {
      await this.call('GetServices', (cb) => cam.getServices(true, cb));
    } catch (err) {
      if ((err as RoomctlError).code === 'ROOMCTL_E_DEVICE_AUTH') throw err;
      // The first ONVIF versions had no GetServices.
      await this.call('GetCapabilities', (cb) => cam.getCapabilities(cb));
    }
    // Profile S: the Media (ver10) service, which every PTZ camera of that profile offers.
    (cam as unknown as { media2Support: boolean }).media2Support = false;
    await this.call('GetProfiles', (cb) => cam.getProfiles(cb));
    try {
      await this.call('GetVideoSources', (cb) => cam.getVideoSources(cb));
    } catch (err) {
      // Only used to pick the default profile; the driver falls back to the first with PTZ.
      if ((err as RoomctlError).code === 'ROOMCTL_E_DEVICE_AUTH') throw err;
      return;
    }
    try {
      cam.getActiveSources();
    } catch {
      // A camera without a usable video source: the driver finds no profile and says so.
    }
  }

  call(operation: string, invoke: (callback: OnvifCallback) => void): Promise<{ data: unknown; xml: string | undefined }> {
    const timeoutMs = timeoutFor(operation, this.config.timeoutMs);
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        deadline.cancel();
        outcome();
      };
      const deadline = replyDeadline(timeoutMs, () => settle(() => reject(onvifError(new Error('timeout'), undefined, operation, timeoutMs).error)));
      try {
        invoke((err, data, xml) => {
          // An answer after the room gave up on it is not news (and its request is ended on close).
          if (settled) return;
          if (!err) return settle(() => resolve({ data, xml }));
          const { error, linkBroken } = onvifError(err, xml, operation, timeoutMs);
          settle(() => reject(error));
          if (linkBroken && !this.closed) this.onLinkBroken(error);
        });
      } catch (err) {
        // The client throws synchronously on state it does not expect (e.g. no active source).
        settle(() => reject(onvifError(err, undefined, operation, timeoutMs).error));
      }
    });
  }

  close(): void {
    this.closed = true;
    // Ends the client's pull-point loop after its current request.
    this.cam.removeAllListeners('event');
    this.cam.removeAllListeners('eventsError');
    // Ends the requests still open (those the room gave up on); the pull-point loop has its own connections.
    this.agent.destroy();
  }
}
