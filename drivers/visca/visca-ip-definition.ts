import { Type } from '@sinclair/typebox';
import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { viscaCameraListing, viscaModelConfigField } from './visca-definition-parts.js';
import { ViscaIpDriver, VISCA_TCP_DEFAULT_PORT } from './visca-ip-driver.js';
import { VISCA_IP_PORT } from './visca-ip-header.js';

export const viscaIpDriver = defineDriver({
  id: 'visca-ip',
  kind: 'camera',
  transport: 'udp',
  description: 'PTZ camera speaking VISCA over IP (Sony UDP 52381 with sequence numbers) or raw VISCA over TCP (PTZOptics, Lumens and clones).',
  config: Type.Object(
    {
      host: hostField('Camera IP address or host name'),
      port: tcpPortField(undefined, `Default ${VISCA_IP_PORT} for udp, ${VISCA_TCP_DEFAULT_PORT} for tcp`),
      protocol: Type.Optional(
        Type.Union([Type.Literal('udp'), Type.Literal('tcp')], {
          default: 'udp',
          description: 'udp: Sony VISCA over IP with its 8-byte header; tcp: raw VISCA on a socket, for cameras that speak it',
        }),
      ),
      model: viscaModelConfigField,
    },
    { additionalProperties: false },
  ),
  ...viscaCameraListing,
  // A PowerInq datagram every half second finds a dead camera well within 2 s (plus the 1 s ACK timeout).
  probeIntervalMs: 500,
  loadSimulator: async () => (await import('./visca-ip-simulator.js')).viscaIpSimulator,
  create(config, ctx) {
    return new ViscaIpDriver(config, ctx);
  },
});
