import { Type } from '@sinclair/typebox';
import { baudRateField, hostField, serialPortField, tcpPortField } from '../core/config-fields.js';
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
    host: Type.Optional(hostField('Address of the display (MDC over TCP). Give this or serialPort.')),
    port: tcpPortField(MDC_PORT, 'MDC TCP port (1515).'),
    serialPort: Type.Optional(serialPortField('RS-232 port instead of TCP.')),
    baudRate: baudRateField(9600, 'RS-232 speed (9600 on Samsung displays).'),
    displayId: Type.Optional(Type.Integer({ minimum: 0, maximum: 253, default: 0, description: "The display's MDC ID (menu: System > Multi-Control)." })),
  },
  inputs: { brand: 'Samsung', names: Object.keys(MDC_INPUTS) },
  statusReads: 'Read power, volume, mute and input.',
  probe: mdcProbe,
  proposeConfig: proposeMdc,
  simulator: mdcSimulator,
  create: (config, ctx) => new MdcDriver(config, ctx),
});
