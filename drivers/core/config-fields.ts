import { Type } from '@sinclair/typebox';

/**
 * Config fields many drivers share, with the same ranges everywhere: an address, a TCP port,
 * a serial port and an RS-232 speed. Each driver still says in its own words what the field is
 * on its device (the description becomes `roomctl config check`'s words).
 */

/** The device's address on the room network (an IP address or a host name). */
export function hostField(description: string) {
  return Type.String({ minLength: 1, description });
}

/** A TCP port, 1–65535, defaulting to the protocol's own when it has one. */
export function tcpPortField(defaultPort: number | undefined, description: string) {
  return Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, ...(defaultPort === undefined ? {} : { default: defaultPort }), description }));
}

/** The path of a serial port, e.g. /dev/serial/by-id/usb-FTDI_... */
export function serialPortField(description: string) {
  return Type.String({ minLength: 1, description });
}

/** An RS-232 speed from 1200 to 115200 baud, defaulting to the device's factory setting. */
export function baudRateField(defaultRate: number, description: string) {
  return Type.Optional(Type.Integer({ minimum: 1200, maximum: 115200, default: defaultRate, description }));
}

/**
 * A device that speaks one protocol over TCP or over RS-232: `host` and `port`, or `serialPort`
 * and `baudRate`, defaulting to the protocol's port and the device's factory speed — the same
 * numbers its driver falls back on. Each field in the driver's own words.
 */
export function tcpOrSerialFields(defaults: { port: number; baudRate: number }, words: { host: string; port: string; serialPort: string; baudRate: string }) {
  return {
    host: Type.Optional(hostField(`${words.host} Give this or serialPort.`)),
    port: tcpPortField(defaults.port, words.port),
    serialPort: Type.Optional(serialPortField(words.serialPort)),
    baudRate: baudRateField(defaults.baudRate, words.baudRate),
  };
}
