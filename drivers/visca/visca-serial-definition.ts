import { Type } from '@sinclair/typebox';
import { defineDriver } from '../core/definition.js';
import { viscaCameraCapabilities } from './visca-camera-capability.js';
import { VISCA_MODELS, VISCA_PRESET_MAX, viscaProfile } from './visca-profiles.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { proposeViscaSerial, viscaSerialProbe } from './visca-serial-probe.js';
import { viscaSerialSimulator } from './visca-serial-simulator.js';

export const viscaSerialDriver = defineDriver({
  id: 'visca-serial',
  kind: 'camera',
  transport: 'serial',
  description: 'PTZ camera speaking Sony VISCA over RS-232/RS-422 (Sony, PTZOptics, Lumens, AVer and clones).',
  config: Type.Object(
    {
      port: Type.String({ description: 'Serial port, e.g. /dev/serial/by-id/usb-FTDI_…-port0 (by-id paths survive re-plugging)' }),
      baudRate: Type.Union([Type.Literal(9600), Type.Literal(38400)], { default: 9600, description: 'Must match the camera\'s DIP switch or menu setting' }),
      address: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, default: 1, description: 'Position in the VISCA daisy chain, 1 = nearest the appliance' })),
      model: Type.Optional(
        Type.Union(
          VISCA_MODELS.map((m) => Type.Literal(m)),
          { default: 'generic', description: 'Vendor profile: speed limits, preset count and position ranges' },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  // The schema admits the largest preset any profile has; the driver narrows it to the
  // configured model and answers ROOMCTL_E_ACTION_PARAMS with the model's range.
  capabilities: [...viscaCameraCapabilities(VISCA_PRESET_MAX)],
  // A device's listing shows its model's real range (0..127 on most clones, not 0..255).
  capabilitiesFor: (config) => {
    return [...viscaCameraCapabilities(viscaProfile(config.model).presetMax)];
  },

  // PowerInq is 5 bytes out, 4 back (about 10 ms of a 9600-baud line): every half second finds a
  // dead camera within 2 s, with the 1 s ACK timeout.
  probeIntervalMs: 500,
  probe: viscaSerialProbe,
  proposeConfig: proposeViscaSerial,
  simulator: viscaSerialSimulator,
  create(config, ctx) {
    return new ViscaSerialDriver(config, ctx);
  },
});
