import { Type } from '@sinclair/typebox';
import { tcpOrSerialFields } from '../core/config-fields.js';
import { defineDisplayDriver } from '../core/display-definition.js';
import { MDC_INPUTS } from './mdc-codec.js';
import { MDC_LINK, MdcDriver } from './mdc-driver.js';

export const mdcDriver = defineDisplayDriver({
  id: 'samsung-mdc',
  transport: 'tcp',
  description: 'Samsung signage displays over MDC (RS-232 or TCP 1515): power, input, volume, mute, status.',
  fields: {
    ...tcpOrSerialFields(MDC_LINK, {
      host: 'Address of the display (MDC over TCP).',
      port: 'MDC TCP port (1515).',
      serialPort: 'RS-232 port instead of TCP.',
      baudRate: 'RS-232 speed (9600 on Samsung displays).',
    }),
    displayId: Type.Optional(Type.Integer({ minimum: 0, maximum: 253, default: 0, description: "The display's MDC ID (menu: System > Multi-Control)." })),
  },
  inputs: { brand: 'Samsung', names: Object.keys(MDC_INPUTS) },
  statusReads: 'Read power, volume, mute and input.',
  loadProvisioning: async () => (await import('./mdc-probe.js')).mdcProvisioning,
  loadSimulator: async () => (await import('./mdc-simulator.js')).mdcSimulator,
  create: (config, ctx) => new MdcDriver(config, ctx),
});
