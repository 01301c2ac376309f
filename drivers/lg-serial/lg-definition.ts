import { Type } from '@sinclair/typebox';
import { baudRateField, serialPortField } from '../core/config-fields.js';
import { defineDisplayDriver } from '../core/display-definition.js';
import { LG_INPUTS } from './lg-codec.js';
import { LgDriver } from './lg-driver.js';

export const lgDriver = defineDisplayDriver({
  id: 'lg-serial',
  transport: 'serial',
  description: 'LG commercial displays over RS-232: power, input, volume, mute, status.',
  fields: {
    port: serialPortField('Serial port, e.g. /dev/serial/by-id/usb-FTDI_...'),
    baudRate: baudRateField(9600, 'RS-232 speed (9600 on LG displays).'),
    setId: Type.Optional(Type.Integer({ minimum: 1, maximum: 99, default: 1, description: "The display's Set ID." })),
  },
  inputs: { brand: 'LG', names: Object.keys(LG_INPUTS) },
  statusReads: 'Read power, and volume, mute and input when on.',
  loadProvisioning: async () => (await import('./lg-probe.js')).lgProvisioning,
  loadSimulator: async () => (await import('./lg-simulator.js')).lgSimulator,
  create: (config, ctx) => new LgDriver(config, ctx),
});
