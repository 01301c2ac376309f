import { type TObject, Type } from '@sinclair/typebox';

/**
 * What a driver offers provisioning, beside running the device: a search of the network
 * for devices of its protocol (`discover`), a question asked in its own protocol on a
 * serial port or a host:port (`probe`), and the device entry it wants for what it found
 * (`proposeConfig`). Provisioning runs the I/O and loops over the registry; the bytes and
 * the config fields stay in the driver's folder.
 */

/** What a driver made of an answer: its device, with what it read, or why the bytes are not it. */
export type Interpretation = { ok: true; settings: Record<string, unknown>; detail: string } | { ok: false; why: string };

/** One question asked one way (baud rate, display id) on a serial port. */
export interface SerialProbeAttempt {
  baudRate: number;
  /** For progress lines: "VISCA address set at 9600 baud". */
  label: string;
  request: Uint8Array;
  /** True once `bytes` hold a whole answer (or certainly not one), so the question stops waiting. */
  complete(bytes: Buffer): boolean;
  interpret(bytes: Buffer): Interpretation;
}

/** A question on a TCP port: what to send (nothing when the device speaks first) and how to read the answer. */
export interface TcpProbe {
  /** The port devices of this protocol listen on, when a host is given without one. */
  port: number;
  /** For progress and silence: "PJLink greeting" ("connected, but no PJLink greeting arrived"). */
  label: string;
  /** Written once connected; absent when the device greets first (a PJLink display, a Telnet banner). */
  request?: Uint8Array;
  complete(bytes: Buffer): boolean;
  /** `where` is `host:port`, for the detail IT reads. */
  interpret(bytes: Buffer, where: string): Interpretation;
  /**
   * Questions asked on the same connection once the answer was read as this protocol's (what
   * the device calls itself), in the time the probe has left; resolves with settings to add
   * (`name`). `answer` is the bytes `interpret` read (a greeting's login challenge);
   * `credentials` is the driver's section of the provisioning answers, when given.
   */
  identify?(conversation: TcpConversation, answer: Buffer, credentials?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** The connection a TCP probe's follow-up questions go over. */
export interface TcpConversation {
  /** Writes `request`; resolves with the answer once `complete` says it is whole, undefined when time ran out or the device hung up. */
  ask(request: Uint8Array, complete: (bytes: Buffer) => boolean): Promise<Buffer | undefined>;
}

/** A USB HID device as the OS lists it (node-hid's record), for a HID driver to recognise. */
export interface HidDeviceSummary {
  vendorId: number;
  productId: number;
  path: string;
  manufacturer?: string;
  product?: string;
  usagePage?: number;
  usage?: number;
}

export interface DriverProbe {
  /** Protocol name for findings and notes ("VISCA", "PJLink"). */
  protocol: string;
  /** Serial questions, tried in order (the usual settings first). */
  serial?: readonly SerialProbeAttempt[];
  tcp?: TcpProbe;
  /**
   * Whether a USB HID device is one this driver drives, from its listing and, when that is not
   * enough, its report descriptor (read only when asked). Drivers are asked in registry order.
   */
  hid?(device: HidDeviceSummary, readDescriptor: () => Promise<Uint8Array>): Promise<boolean>;
}

/** Something a network search turned up. */
export interface Discovered {
  host: string;
  /** The port the device is controlled on (for a probe, and for the entry). */
  port: number;
  /** What the search itself told (a MAC, a name); merged into the probe's settings. */
  settings: Record<string, unknown>;
  /** Set when the search answer already names the device (ONVIF ProbeMatch): no probe follows. */
  detail?: string;
}

export interface DriverDiscovery {
  /** For progress lines: "PJLink display(s) answered the search". */
  finds: string;
  /**
   * The search's own settings in the provisioning answers (`discovery.<driver id>`), each
   * described, with `search: false` to skip it. Provisioning validates them before `search`.
   */
  options: TObject;
  /** Searches for `timeoutMs` (from the options) and resolves with what answered; never rejects for silence. */
  search(options: Record<string, unknown>): Promise<Discovered[]>;
}

/**
 * Everything a driver brings to provisioning, in the module its definition's
 * `loadProvisioning` loads: a room drives its devices and never provisions, so it does not
 * load these.
 */
export interface DriverProvisioning {
  /** A network search for devices of this protocol (PJLink class 2 SRCH, ONVIF WS-Discovery). */
  discover?: DriverDiscovery;
  /**
   * The question, in this driver's own protocol, to a serial port, a host:port or a USB HID
   * device: is this device there, and what is it? (Not the running driver's watchdog `probe()`.)
   */
  probe?: DriverProbe;
  /** This driver's section of the provisioning answers' `devices` (a password, a login). */
  credentials?: TObject;
  /** The device entry (or entries: a camera chain) for a device found by `discover`, `probe` or its USB identity. */
  proposeConfig?(identity: DeviceIdentity, context: ProposeContext): ProposedEntry[];
}

/** Where a device was found and what its driver's probe (or a search, or its USB identity) read. */
export interface DeviceIdentity {
  at: { serialPort: string } | { host: string; port: number } | { hid: { path: string; vendorId: string; productId: string; serialNumber?: string } };
  settings: Record<string, unknown>;
  detail: string;
}

export interface ProposeContext {
  /** This driver's section of the provisioning answers' `devices` (passwords, logins), when given. */
  credentials?: Record<string, unknown>;
  /** How answers and notes name where the device was found. */
  endpoint: string;
  /** Tell IT something about this device (a missing password), before the config is written. */
  note(text: string): void;
}

/** One device entry a driver proposes; a found VISCA chain proposes one per camera. */
export interface ProposedEntry {
  /** The driver's own config fields (undefined ones are dropped). */
  fields: Record<string, unknown>;
  detail: string;
  /** Added to the endpoint when one place holds several devices ("#2" for the second camera of a chain). */
  unit?: string;
  /** What the device calls itself (its make and model, the name it was given), for the panel; absent when it said nothing a person recognises. */
  name?: string;
}

/** Bytes as `13 37 00 FF`, cut after `max`, for notes that show IT what a port said. */
export function hexPreview(bytes: Uint8Array, max = 24): string {
  const shown = [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} bytes)` : shown;
}

/**
 * The entry of a network device found at `identity.at`: host, the port only when it is not
 * the protocol's own, and the password from the answers when the device asked for one (with
 * a note naming where it goes when the answers have none).
 */
export function hostEntryFields(
  identity: DeviceIdentity,
  context: ProposeContext,
  device: { defaultPort: number; needsPassword: boolean; asks: string },
): Record<string, unknown> | undefined {
  if (!('host' in identity.at)) return undefined;
  const { host, port } = identity.at;
  const password = context.credentials?.password;
  if (device.needsPassword && !password) context.note(`${context.endpoint}: ${device.asks}`);
  return { host, port: port === device.defaultPort ? undefined : port, password: device.needsPassword ? password : undefined };
}

/** A driver's answers section (`devices.<id>`) when the room's devices of that driver share one password. */
export function sharedPasswordCredentials(description: string) {
  return Type.Object({ password: Type.String({ minLength: 1, description }) }, { additionalProperties: false });
}
