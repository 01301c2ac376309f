import { Type } from '@sinclair/typebox';
import { defineDisplayDriver } from '../core/display-definition.js';
import { MDC_INPUTS, MDC_PORT } from './mdc-codec.js';
import { MdcDriver } from './mdc-driver.js';
import { mdcProbe, proposeMdc } from './mdc-probe.js';
import { mdcSimulator } from './mdc-simulator.js';

export const mdcDriver = defineDisplayDriver({
  id: 'samsung-mdc',
  transport: 'tcp',
  description: 'Samsung signage displays over MDC (RS-232 or TCP 1515): power, input, volume, mute, status.',
  fields: {
    host: Type.Optional(Type.String({ minLength: 1, description: 'Address of the display (MDC over TCP). Give this or serialPort.' })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: MDC_PORT, description: 'MDC TCP port (1515).' })),
    serialPort: Type.Optional(Type.String({ minLength: 1, description: 'RS-232 port instead of TCP.' })),
    baudRate: Type.Optional(Type.Integer({ minimum: 1200, maximum: 115200, default: 9600, description: 'RS-232 speed (9600 on Samsung displays).' })),
    displayId: Type.Optional(Type.Integer({ minimum: 0, maximum: 253, default: 0, description: "The display's MDC ID (menu: System > Multi-Control)." })),
  },
  inputs: { brand: 'Samsung', names: Object.keys(MDC_INPUTS) },
  statusReads: 'Read power, volume, mute and input.',
  probe: mdcProbe,
  proposeConfig: proposeMdc,
  simulator: mdcSimulator,
  create(config, ctx) {
    return new MdcDriver({ host: config.host, port: config.port, serialPort: config.serialPort, baudRate: config.baudRate, displayId: config.displayId }, ctx);
  },
});
