import { Type } from '@sinclair/typebox';
import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { displayInputs, displayInputsConfig } from '../core/localized-text.js';
import { pjlinkCapabilities } from './pjlink-capabilities.js';
import { PJLINK_PORT } from './pjlink-codec.js';
import { PjlinkDriver } from './pjlink-driver.js';

/**
 * Inputs most displays have, as PJLink codes: 11/12 RGB (VGA), 31/32/33 digital (HDMI 1–3,
 * DVI), 51 network. A room whose display has others lists them in the config (`INST ?` tells).
 */
export const DEFAULT_PJLINK_INPUTS = ['11', '12', '31', '32', '33', '51'] as const;

const inputCode = Type.String({ pattern: '^[1-6][1-9A-Z]$', description: 'PJLink input code, e.g. "31" (digital 1)' });

export const pjlinkConfig = Type.Object(
  {
    host: hostField('Address of the display or projector on the room network.'),
    port: tcpPortField(PJLINK_PORT, 'PJLink TCP port (4352 on every display we know).'),
    password: Type.Optional(Type.String({ description: 'PJLink password, when the display has authentication on.' })),
    inputs: displayInputsConfig(
      inputCode,
      'Inputs offered on the panel, by PJLink code, with the name people know each by: { "31": "Laptop (HDMI 1)", "52": { en: "Network", zh-CN: "网络" } }, or a list of codes. Defaults to 11, 12, 31, 32, 33, 51.',
    ),
    readyTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: 300_000,
        default: 60_000,
        description: 'How long a command waits for the display to finish warming up or cooling down.',
      }),
    ),
    volumeSteps: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Volume steps from silent to full on this model (class 2 displays only).' }),
    ),
    notifyPort: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 65535,
        default: PJLINK_PORT,
        description:
          'UDP port this appliance hears class 2 status notifications on (4352 by the PJLink specification; the display sends them to the controller that last connected).',
      }),
    ),
    replyTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 500,
        maximum: 30_000,
        default: 2500,
        description: 'How long one reply may take before the session is reset (slow projectors answer in 1–2 s).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Each display's input capability (codes and names) is built from its config's `inputs`, else the default list. */
export const pjlinkDriver = defineDriver({
  id: 'pjlink',
  kind: 'display',
  transport: 'tcp',
  description:
    'Projectors and flat panels speaking PJLink class 1 or 2 over TCP 4352: power, input, audio/video mute, volume (class 2) and lamp/fan/filter health.',
  config: pjlinkConfig,
  capabilities: pjlinkCapabilities({ inputs: DEFAULT_PJLINK_INPUTS }),
  capabilitiesFor(config) {
    return [...pjlinkCapabilities(displayInputs(config.inputs, DEFAULT_PJLINK_INPUTS))];
  },
  // A display answering in 1–2 s is slow (degraded), not gone; the host stretches this to its pace.
  probeTimeoutMs: 3000,
  slowReplyMs: 1000,
  loadProvisioning: async () => (await import('./pjlink-probe.js')).pjlinkProvisioning,
  loadSimulator: async () => (await import('./pjlink-simulator.js')).pjlinkSimulator,
  create(config, ctx) {
    return new PjlinkDriver(
      {
        host: config.host,
        port: config.port,
        password: config.password,
        inputs: config.inputs ? displayInputs(config.inputs, DEFAULT_PJLINK_INPUTS).inputs : undefined,
        readyTimeoutMs: config.readyTimeoutMs,
        volumeSteps: config.volumeSteps,
        notifyPort: config.notifyPort ?? PJLINK_PORT,
        replyTimeoutMs: config.replyTimeoutMs,
      },
      ctx,
    );
  },
});
