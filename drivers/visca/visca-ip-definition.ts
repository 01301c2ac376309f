import { Type } from '@sinclair/typebox';
import { defineDriver } from '../core/definition.js';
import { viscaCameraCapabilities } from './visca-camera-capability.js';
import { ViscaIpDriver, VISCA_TCP_DEFAULT_PORT } from './visca-ip-driver.js';
import { VISCA_IP_PORT } from './visca-ip-header.js';
import { VISCA_MODELS, VISCA_PRESET_MAX, viscaProfile } from './visca-profiles.js';
import { viscaIpSimulator } from './visca-ip-simulator.js';

export const viscaIpDriver = defineDriver({
  id: 'visca-ip',
  kind: 'camera',
  transport: 'udp',
  description: 'PTZ camera speaking VISCA over IP (Sony UDP 52381 with sequence numbers) or raw VISCA over TCP (PTZOptics, Lumens and clones).',
  config: Type.Object(
    {
      host: Type.String({ minLength: 1, description: 'Camera IP address or host name' }),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: `Default ${VISCA_IP_PORT} for udp, ${VISCA_TCP_DEFAULT_PORT} for tcp` })),
      protocol: Type.Optional(
        Type.Union([Type.Literal('udp'), Type.Literal('tcp')], {
          default: 'udp',
          description: 'udp: Sony VISCA over IP with its 8-byte header; tcp: raw VISCA on a socket, for cameras that speak it',
        }),
      ),
      model: Type.Optional(
        Type.Union(
          VISCA_MODELS.map((m) => Type.Literal(m)),
          { default: 'generic', description: 'Vendor profile: speed limits, preset count and position ranges' },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  capabilities: [...viscaCameraCapabilities(VISCA_PRESET_MAX)],
  // A device's listing shows its model's real range (0..127 on most clones, not 0..255).
  capabilitiesFor: (config) => {
    return [...viscaCameraCapabilities(viscaProfile(config.model).presetMax)];
  },
  // A PowerInq datagram every half second finds a dead camera well within 2 s (plus the 1 s ACK timeout).
  probeIntervalMs: 500,
  simulator: viscaIpSimulator,
  create(config, ctx) {
    return new ViscaIpDriver(config, ctx);
  },
});
