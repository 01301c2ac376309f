import { Type } from '@sinclair/typebox';
import { defineDriver } from '../core/definition.js';
import { viscaCameraListing, viscaModelConfigField } from './visca-definition-parts.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';

export const viscaSerialDriver = defineDriver({
  id: 'visca-serial',
  kind: 'camera',
  transport: 'serial',
  description: 'PTZ camera speaking Sony VISCA over RS-232/RS-422 (Sony, PTZOptics, Lumens, AVer and clones).',
  config: Type.Object(
    {
      port: Type.String({ description: 'Serial port, e.g. /dev/serial/by-id/usb-FTDI_…-port0 (by-id paths survive re-plugging)' }),
      baudRate: Type.Union([Type.Literal(9600), Type.Literal(38400)], { default: 9600, description: "Must match the camera's DIP switch or menu setting" }),
      address: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, default: 1, description: 'Position in the VISCA daisy chain, 1 = nearest the appliance' })),
      model: viscaModelConfigField,
    },
    { additionalProperties: false },
  ),
  ...viscaCameraListing,
  // PowerInq is 5 bytes out, 4 back (about 10 ms of a 9600-baud line): every half second finds a
  // dead camera within 2 s, with the 1 s ACK timeout.
  probeIntervalMs: 500,
  loadProvisioning: async () => (await import('./visca-serial-probe.js')).viscaSerialProvisioning,
  loadSimulator: async () => (await import('./visca-serial-simulator.js')).viscaSerialSimulator,
  create(config, ctx) {
    return new ViscaSerialDriver(config, ctx);
  },
});
