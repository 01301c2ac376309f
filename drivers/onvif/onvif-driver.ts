import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import { RoomctlError } from '../core/errors.js';
import type { OnvifCameraCapabilities } from './onvif-capability.js';
import { readDeviceInformation, readNumberedPresets, readStatus, readStreamUri, savePreset } from './onvif-camera-calls.js';
import { chooseMediaProfile } from './onvif-media-profile.js';
import { MoveQueue } from './onvif-move-queue.js';
import { presetName, type NumberedPreset } from './onvif-presets.js';
import { readPtzSpaces } from './onvif-ptz-node.js';
import { GENERIC_SPACES, PtzScale } from './onvif-ptz-spaces.js';
import { OnvifSession, QUESTION_TIMEOUT_MS } from './onvif-session.js';
import { OnvifSnapshots } from './onvif-snapshot.js';
import { subscribeToEvents } from './onvif-events-and-uri.js';
import { wrongPassword } from './onvif-faults.js';
import { escapeXml } from './onvif-xml.js';

export interface OnvifConfig {
  host: string;
  port?: number;
  username?: string;
  password?: string;
  auth?: 'ws-security' | 'digest';
  /** Media profile token; default the camera's first profile with video. */
  profile?: string;
  timeoutMs?: number;
}

export interface OnvifDriverOptions {
  /** GetStatus cadence while the camera moves, so the panel sees where it goes. */
  motionPollMs?: number;
}

type Vector = { pan: number; tilt: number; zoom: number };

/**
 * An ONVIF Profile S PTZ camera, through the `onvif` npm client. connect(): clock, services,
 * profiles (the client), then device information, the PTZ node (how many presets), the RTSP
 * URI and the status. SOAP faults fail one action with a coded error; a camera that stops
 * answering HTTP loses the link. Position is polled while the camera moves; events come
 * from the pull-point service when the camera offers one.
 */
export class OnvifDriver implements DeviceDriver {
  private session: OnvifSession | undefined;
  private profileToken = '';
  private maxPresets = 0;
  private scale = new PtzScale(GENERIC_SPACES);
  private drive: Vector = { pan: 0, tilt: 0, zoom: 0 };
  private readonly moves = new MoveQueue();
  private readonly snapshots: OnvifSnapshots;
  private poller: NodeJS.Timeout | undefined;
  private pollUntil = 0;
  private closing = false;
  private connected = false;

  constructor(
    private readonly config: OnvifConfig,
    private readonly ctx: DriverContext,
    private readonly options: OnvifDriverOptions = {},
  ) {
    this.snapshots = new OnvifSnapshots({
      host: config.host,
      username: config.username,
      password: config.password,
      timeoutMs: config.timeoutMs ?? QUESTION_TIMEOUT_MS,
    });
  }

  get endpoint(): string {
    return `${this.config.host}:${this.config.port ?? 80}`;
  }

  /** The move queue, for tests and benchmarks that check joystick traffic. */
  get moveQueue(): MoveQueue {
    return this.moves;
  }

  async connect(): Promise<void> {
    if (this.session) await this.disconnect();
    this.closing = false;
    const session: OnvifSession = await OnvifSession.open(
      {
        host: this.config.host,
        port: this.config.port ?? 80,
        username: this.config.username,
        password: this.config.password,
        auth: this.config.auth ?? 'ws-security',
        timeoutMs: this.config.timeoutMs ?? QUESTION_TIMEOUT_MS,
      },
      // A late failure of an earlier session must not take down this one.
      (error) => this.session === session && this.lose(error),
    );
    this.session = session;
    try {
      await session.handshake().catch((err: unknown) => {
        throw this.explainAuth(err);
      });
      const { profile, profiles } = chooseMediaProfile(session.cam, this.config.profile);
      // The client writes tokens into its XML as they are: escaped once here, for every request.
      this.profileToken = escapeXml(profile.token);
      const info = await this.info();
      const node = await readPtzSpaces(session, profile.ptzConfiguration);
      this.maxPresets = node.maxPresets;
      this.scale = new PtzScale(node.spaces);
      const streamUri = await this.streamUri();
      this.ctx.publishState({
        info,
        profile: profile.token,
        profiles: profiles.map(({ token, name, ptz }) => ({ token, name, ptz })),
        maxPresets: this.maxPresets,
        presetRange: this.maxPresets > 0 ? `1..${this.maxPresets}` : null,
        ptzRanges: this.scale.describe(),
        streamUri,
      });
      await this.status();
      await this.publishPresets().catch((err: unknown) => {
        // A camera without presets (or refusing GetPresets) still pans and tilts.
        if ((err as RoomctlError).code !== 'ROOMCTL_E_NOT_SUPPORTED' && (err as RoomctlError).code !== 'ROOMCTL_E_DEVICE_REJECTED') throw err;
      });
      await subscribeToEvents(session, this.ctx, () => void this.status().catch(() => undefined));
      this.connected = true;
    } catch (err) {
      await this.disconnect();
      throw err;
    }
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.connected = false;
    clearTimeout(this.poller);
    this.poller = undefined;
    this.moves.clear(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `ONVIF camera at ${this.endpoint} disconnected`));
    this.snapshots.reset();
    this.session?.close();
    this.session = undefined;
  }

  /** Watchdog and position: GetStatus is cheap and every PTZ camera answers it. */
  async probe(): Promise<void> {
    try {
      await this.status();
    } catch (err) {
      // Any account may read GetStatus: refused here, the password itself has stopped working
      // (changed on the camera, or the account locked). That is the link's verdict, said as such.
      if ((err as RoomctlError).code === 'ROOMCTL_E_DEVICE_AUTH') this.lose(this.explainAuth(err) as RoomctlError);
      throw err;
    }
  }

  /**
   * One handler per declared action, each with its params' own type. Anything but a joystick
   * move ends the joystick's drive (`travel`): its remembered speeds must not come back with
   * the next move.
   */
  readonly handlers: ActionHandlers<OnvifCameraCapabilities> = {
    move: (p) => this.move(p),
    stop: async () => {
      this.endDrive();
      await this.moves.enqueue('stop', () => this.call('Stop', (cb) => this.cam.stop({ profileToken: this.profileToken, panTilt: true, zoom: true }, cb)));
      return this.travelled({});
    },
    home: async () => {
      this.endDrive();
      await this.call('GotoHomePosition', (cb) => this.cam.gotoHomePosition({ profileToken: this.profileToken }, cb));
      return this.travelled({ lastPreset: null });
    },
    'home.set': async () => {
      await this.call('SetHomePosition', (cb) => this.cam.setHomePosition({ profileToken: this.profileToken }, cb));
    },
    'preset.recall': async (p) => {
      this.endDrive();
      const n = this.presetNumber(p.preset);
      const preset = (await this.presets()).find((x) => x.number === n);
      if (!preset) throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `preset ${n} is not stored in the camera`, { preset: n });
      await this.call('GotoPreset', (cb) => this.cam.gotoPreset({ profileToken: this.profileToken, preset: escapeXml(preset.token) }, cb));
      return this.travelled({ lastPreset: n });
    },
    'preset.save': async (p) => {
      const n = this.presetNumber(p.preset);
      const existing = (await this.presets()).find((x) => x.number === n);
      const token = await this.setPreset(existing?.name ?? presetName(n), existing?.token);
      this.ctx.publishState({ lastPreset: n });
      return { token };
    },
    'preset.list': () => this.publishPresets(),
    'preset.set': async (p) => ({ token: await this.setPreset(p.name, p.token) }),
    'preset.goto': async (p) => {
      this.endDrive();
      await this.call('GotoPreset', (cb) => this.cam.gotoPreset({ profileToken: this.profileToken, preset: escapeXml(p.token) }, cb));
      return this.travelled({ lastPreset: null });
    },
    'preset.remove': async (p) => {
      await this.call('RemovePreset', (cb) => this.cam.removePreset({ profileToken: this.profileToken, presetToken: escapeXml(p.token) }, cb));
    },
    'position.absolute': async (p) => {
      this.endDrive();
      const target = this.scale.absolute({ pan: p.pan, tilt: p.tilt, ...(p.zoom === undefined ? {} : { zoom: p.zoom }) });
      const speed = p.speed === undefined ? {} : { speed: this.scale.speed(p.speed) };
      await this.inRange('AbsoluteMove', (cb) =>
        this.cam.absoluteMove({ profileToken: this.profileToken, ...target, ...(target.zoom === undefined ? { onlySendPanTilt: true } : {}), ...speed }, cb),
      );
      return this.travelled({ lastPreset: null });
    },
    'position.relative': async (p) => {
      this.endDrive();
      const offset = this.scale.relative({ pan: p.pan, tilt: p.tilt, zoom: p.zoom ?? 0 });
      const speed = p.speed === undefined ? {} : { speed: this.scale.speed(p.speed) };
      await this.inRange('RelativeMove', (cb) => this.cam.relativeMove({ profileToken: this.profileToken, ...offset, ...speed }, cb));
      return this.travelled({ lastPreset: null });
    },
    status: () => this.status(),
    'stream.uri': async () => ({ uri: await this.streamUri() }),
    snapshot: () => this.snapshots.take(this.session!, this.profileToken),
    info: () => this.info(),
  };

  async execute(action: string, p: Record<string, unknown>): Promise<unknown> {
    if (!this.session) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `ONVIF camera at ${this.endpoint} is not connected`);
    return runAction(this.handlers, action, p, 'onvif');
  }

  /** The connected camera's client; `execute` has checked there is a session. */
  private get cam(): OnvifSession['cam'] {
    return this.session!.cam;
  }

  private endDrive(): void {
    this.drive = { pan: 0, tilt: 0, zoom: 0 };
  }

  /** After a move to a place (or a stop): publish, and follow the camera while it moves. */
  private travelled(patch: Record<string, unknown>): undefined {
    this.ctx.publishState({ ...patch, motion: { ...this.drive } });
    return this.followMotion();
  }

  private async move(p: Partial<Vector>): Promise<undefined> {
    this.drive = { pan: p.pan ?? this.drive.pan, tilt: p.tilt ?? this.drive.tilt, zoom: p.zoom ?? this.drive.zoom };
    const { pan, tilt, zoom } = this.drive;
    const cam = this.session!.cam;
    const profileToken = this.profileToken;
    const stop = pan === 0 && tilt === 0 && zoom === 0;
    const velocity = this.scale.velocity(this.drive);
    const outcome = stop
      ? await this.moves.enqueue('stop', () => this.call('Stop', (cb) => cam.stop({ profileToken, panTilt: true, zoom: true }, cb)))
      : await this.moves.enqueue('move', () => this.call('ContinuousMove', (cb) => cam.continuousMove({ profileToken, ...velocity }, cb)));
    if (outcome === 'done') this.ctx.publishState({ motion: { pan, tilt, zoom } });
    void this.followMotion();
    return undefined;
  }

  /** A position command; a refusal says the camera's ranges, which the room's are scaled onto. */
  private async inRange(operation: 'AbsoluteMove' | 'RelativeMove', invoke: Parameters<OnvifSession['call']>[1]): Promise<void> {
    try {
      await this.call(operation, invoke);
    } catch (err) {
      if ((err as RoomctlError).code !== 'ROOMCTL_E_DEVICE_REJECTED') throw err;
      const r = this.scale.describe();
      const e = err as RoomctlError;
      throw new RoomctlError(
        'ROOMCTL_E_DEVICE_REJECTED',
        `${e.message} (the camera's range is pan ${r.pan}, tilt ${r.tilt}, zoom ${r.zoom}; the room's -1..1 and 0..1 are scaled onto it)`,
        { ...(e.details as object), cameraRange: r },
      );
    }
  }

  private async call(operation: string, invoke: Parameters<OnvifSession['call']>[1]): Promise<void> {
    const session = this.session;
    if (!session) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `ONVIF camera at ${this.endpoint} is not connected`);
    await session.call(operation, invoke);
  }

  private presets(): Promise<NumberedPreset[]> {
    return readNumberedPresets(this.session!, this.profileToken, this.maxPresets, this.scale);
  }

  /** The camera's presets with their numbers, also into the state: which numbers exist, how many are stored. */
  private async publishPresets(): Promise<NumberedPreset[]> {
    const presets = await this.presets();
    this.ctx.publishState({ presets: presets.map(({ number, token, name }) => ({ number, token, name })), presetsStored: presets.length });
    return presets;
  }

  private setPreset(name: string, token: string | undefined): Promise<string> {
    return savePreset(this.session!, this.profileToken, this.maxPresets, name, token);
  }

  private presetNumber(value: unknown): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > this.maxPresets) {
      throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `preset ${String(value)} is out of range: this camera stores ${this.maxPresets} presets`, {
        allowed: `1..${this.maxPresets}`,
      });
    }
    return n;
  }

  private async status(): Promise<{ position: Vector | undefined; moving: boolean }> {
    const session = this.session;
    if (!session) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `ONVIF camera at ${this.endpoint} is not connected`);
    const { position, moving } = await readStatus(session, this.profileToken, this.scale);
    this.ctx.publishState({ position, moving });
    return { position, moving };
  }

  private async streamUri(): Promise<string> {
    const uri = await readStreamUri(this.session!, this.profileToken, this.config.host);
    this.ctx.publishState({ streamUri: uri });
    return uri;
  }

  private info(): Promise<Record<string, string>> {
    return readDeviceInformation(this.session!);
  }

  /** Poll GetStatus while the camera moves (and a little after), so the published position follows it. */
  private followMotion(): undefined {
    this.pollUntil = Date.now() + 30_000;
    if (this.poller || !this.session) return undefined;
    const pollMs = this.options.motionPollMs ?? 250;
    const tick = () => {
      this.poller = undefined;
      if (!this.session || this.closing) return;
      this.status().then(
        ({ moving }) => {
          const driving = this.drive.pan !== 0 || this.drive.tilt !== 0 || this.drive.zoom !== 0;
          if ((moving || driving) && Date.now() < this.pollUntil && this.session) this.poller = setTimeout(tick, pollMs).unref();
        },
        () => undefined, // a failed poll is the watchdog's business
      );
    };
    this.poller = setTimeout(tick, pollMs).unref();
    return undefined;
  }

  private explainAuth(err: unknown): unknown {
    return wrongPassword(err, this.endpoint, this.config.username);
  }

  private lose(error: RoomctlError): void {
    if (this.closing || !this.connected) return;
    this.ctx.linkLost(error);
    void this.disconnect();
  }
}
