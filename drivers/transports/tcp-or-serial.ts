import { RoomctlError } from '../core/errors.js';
import { SerialTransport } from './serial-transport.js';
import { TcpTransport } from './tcp-transport.js';
import type { LinkOptions, Transport } from './transport.js';

/**
 * Where a device is that speaks one protocol over TCP or over RS-232 (a Samsung display's MDC,
 * a Tesira's TTP): `host` and `port`, or `serialPort` and `baudRate`. The names are the
 * config's own (`tcpOrSerialFields`), so the config reaches the driver as it is.
 */
export interface TcpOrSerialOptions extends LinkOptions {
  /** The device's address: the link is TCP. */
  host?: string;
  port?: number;
  /** RS-232 instead of TCP. */
  serialPort?: string;
  baudRate?: number;
}

/** What a protocol brings to such a link: its TCP port and the device's factory RS-232 speed. */
export interface TcpOrSerialDefaults {
  /** The driver's id, for the error a config with neither `host` nor `serialPort` gets. */
  driver: string;
  /** What the TCP link is, in that error: "TCP 1515", "telnet". */
  tcpName: string;
  port: number;
  baudRate: number;
}

/** The device in messages: its serial port, else host:port. */
export function tcpOrSerialPlace(options: TcpOrSerialOptions, defaults: TcpOrSerialDefaults): string {
  return options.serialPort ?? `${options.host}:${options.port ?? defaults.port}`;
}

/**
 * The byte link the options ask for (a test's `transportFactory` first), not yet open. A config
 * with neither `host` nor `serialPort` passes the schema, which cannot say "one of the two": it
 * is refused here, as a config error the host does not retry.
 */
export function tcpOrSerialTransport(options: TcpOrSerialOptions, defaults: TcpOrSerialDefaults): Transport {
  const { host, serialPort, transportFactory } = options;
  if (serialPort) return transportFactory?.() ?? new SerialTransport({ path: serialPort, baudRate: options.baudRate ?? defaults.baudRate });
  if (host) return transportFactory?.() ?? new TcpTransport({ host, port: options.port ?? defaults.port, connectTimeoutMs: options.connectTimeoutMs });
  throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `a ${defaults.driver} device needs \`host\` (${defaults.tcpName}) or \`serialPort\` (RS-232)`);
}
