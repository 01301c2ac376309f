import { Type } from '@sinclair/typebox';
import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { displayInputs, displayInputsConfig } from '../core/localized-text.js';
import { EXTRON_MAX_PORTS, extronSisCapabilities } from './extron-sis-capabilities.js';
import { EXTRON_SIS_PORT } from './extron-sis-codec.js';
import { ExtronSisDriver } from './extron-sis-driver.js';

/** A switcher's inputs are numbers; the panel offers the first four unless the config says which. */
const DEFAULT_INPUTS = ['1', '2', '3', '4'];

const extronSisConfig = Type.Object(
  {
    host: hostField('Address of the switcher (its Telnet port must be on).'),
    port: tcpPortField(EXTRON_SIS_PORT, 'SIS Telnet port (23).'),
    password: Type.Optional(Type.String({ description: 'Administrator or user password, when the switcher has one (kept out of logs).' })),
    inputs: displayInputsConfig(
      Type.String({ pattern: '^[1-9][0-9]?$', description: 'Extron input number' }),
      'Inputs offered on the panel, with the name people know each by: { "1": "Laptop", "2": { en: "Room PC", zh-CN: "会议电脑" } }, or a list; defaults to 1, 2, 3, 4.',
    ),
    outputs: Type.Optional(
      Type.Integer({ minimum: 1, maximum: EXTRON_MAX_PORTS, default: 1, description: 'Outputs the switcher has (1 on a presentation switcher).' }),
    ),
  },
  { additionalProperties: false },
);

export const extronSisDriver = defineDriver({
  id: 'extron-sis',
  // To the room a presentation switcher is where the display's picture comes from: the panel offers its inputs.
  kind: 'display',
  transport: 'tcp',
  description: 'Extron switchers over SIS on Telnet (TCP 23): an input to every output, a tie to one output, status; follows ties made at the front panel.',
  config: extronSisConfig,
  capabilities: extronSisCapabilities({ inputs: DEFAULT_INPUTS }),
  capabilitiesFor: (config) => [...extronSisCapabilities(displayInputs(config.inputs, DEFAULT_INPUTS))],
  // Q every 5 s: a dead switcher is offline within seconds, and the Telnet session never idles out.
  loadProvisioning: async () => (await import('./extron-sis-probe.js')).extronSisProvisioning,
  loadSimulator: async () => (await import('./extron-sis-simulator.js')).extronSisSimulator,
  create: (config, ctx) => new ExtronSisDriver(config, ctx),
});
