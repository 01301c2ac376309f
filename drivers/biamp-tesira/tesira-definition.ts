import { Type } from '@sinclair/typebox';
import { tcpOrSerialFields } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { TESIRA_LINK, TesiraDriver } from './tesira-driver.js';
import { tesiraCapabilities, none, blockRef } from './tesira-capabilities.js';

export const tesiraConfig = Type.Object(
  {
    ...tcpOrSerialFields(TESIRA_LINK, {
      host: 'Address of the Tesira server (telnet).',
      port: 'Telnet port (23).',
      serialPort: 'RS-232 port instead of telnet, e.g. /dev/serial/by-id/...',
      baudRate: "RS-232 speed (the server's default is 115200).",
    }),
    muteBlock: Type.Optional(Type.Object(blockRef, { ...none, description: 'The mute block that is the room microphone mute.' })),
    subscriptions: Type.Optional(
      Type.Array(Type.Object({ ...blockRef, attribute: Type.Union([Type.Literal('level'), Type.Literal('mute')]) }, none), {
        maxItems: 64,
        description: 'Blocks whose changes the panel follows (re-subscribed on every reconnect).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const tesiraDriver = defineDriver({
  id: 'biamp-tesira',
  kind: 'dsp',
  transport: 'tcp',
  description: 'Biamp Tesira DSPs over the Tesira Text Protocol (telnet 23 or RS-232): room mute, level and mute blocks by instance tag, live subscriptions.',
  config: tesiraConfig,
  capabilities: tesiraCapabilities(),
  loadSimulator: async () => (await import('./tesira-simulator.js')).tesiraSimulator,
  // The config's fields are the driver's options, name for name.
  create: (config, ctx) => new TesiraDriver(config, ctx),
});
