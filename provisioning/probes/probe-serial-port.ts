import { hexPreview as hex } from '../../drivers/core/device-discovery.js';
import { PROVISIONING_DRIVERS } from '../provisioning-drivers.js';
import { serialProbesOf, type SerialProtocolProbe } from './driver-probes.js';
import { serialExchange } from './serial-exchange.js';

export type PortVerdict =
  | { verdict: 'match'; driver: string; protocol: string; settings: Record<string, unknown>; detail: string }
  | { verdict: 'silent'; detail: string }
  | { verdict: 'garbage'; detail: string; bytes: string }
  /** `unprobed`: the port is there but could not be opened (in use, no permission), so its device may well be too. */
  | { verdict: 'error'; detail: string; unprobed?: boolean };

interface SerialProbeOptions {
  /** The protocols tried, in order; by default every driver's serial questions, in registry order (cameras first: the most common serial device in a room). */
  probes?: readonly SerialProtocolProbe[];
  /** How long each question waits for an answer. */
  timeoutMs?: number;
  /** Progress lines while probing: "  /dev/…: VISCA address set at 9600 baud…". */
  onProgress?(message: string): void;
}

/**
 * Why a port was not probed, in words IT acts on. The usual one on a rerun: the running room
 * holds the ports it drives (a serial port is opened by one program at a time).
 */
function cannotOpen(path: string, reply: { message: string; code?: string }): { detail: string; unprobed?: boolean } {
  if (reply.code === 'ROOMCTL_E_PORT_IN_USE')
    return {
      unprobed: true,
      detail:
        'not probed: another program has the port open (the running room holds the ports it drives; run systemctl stop roomctl first to probe them: provisioning starts the room again at its end)',
    };
  if (reply.code === 'ROOMCTL_E_PORT_NOT_FOUND') return { detail: 'gone: no such device (unplugged?)' };
  const why = reply.message.replace(`Cannot open ${path}: `, '').replace(/^Error:? /, '');
  if (/permission denied|EACCES/i.test(why)) return { unprobed: true, detail: 'not probed: permission denied (run provisioning as root)' };
  return { detail: `could not be opened (${why})` };
}

/**
 * Asks a port each protocol's questions until one is answered in that protocol. Garbage at
 * one baud rate may be the right device at another, so garbage only wins when nothing
 * matches; a port that cannot be opened stops at once (every other question would fail too).
 */
export async function probeSerialPort(path: string, options: SerialProbeOptions = {}): Promise<PortVerdict> {
  const probes = options.probes ?? serialProbesOf(PROVISIONING_DRIVERS);
  const timeoutMs = options.timeoutMs ?? 600;
  const asked: string[] = [];
  let garbage: { bytes: Buffer; after: string; why: string } | undefined;
  for (const probe of probes) {
    for (const attempt of probe.attempts) {
      options.onProgress?.(`${path}: ${attempt.label}…`);
      asked.push(attempt.label);
      const reply = await serialExchange({ path, baudRate: attempt.baudRate, request: attempt.request, complete: attempt.complete, timeoutMs });
      if (reply.kind === 'error') return { verdict: 'error', ...cannotOpen(path, reply) };
      if (reply.kind === 'silent') continue;
      const reading = attempt.interpret(reply.bytes);
      if (reading.ok) return { verdict: 'match', driver: probe.driver, protocol: probe.protocol, settings: reading.settings, detail: reading.detail };
      garbage ??= { bytes: reply.bytes, after: attempt.label, why: reading.why };
    }
  }
  if (garbage) {
    return {
      verdict: 'garbage',
      bytes: hex(garbage.bytes),
      detail: `answered with bytes no known protocol explains (${hex(garbage.bytes)} after the ${garbage.after}: ${garbage.why}); check the baud rate and the cable (null-modem or straight)`,
    };
  }
  return { verdict: 'silent', detail: `answered nothing to: ${asked.join('; ')}; check power, cable and the device's serial settings` };
}
