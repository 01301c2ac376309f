import { Type } from '@sinclair/typebox';
import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { onvifCameraCapabilities } from './onvif-capability.js';
import { OnvifDriver } from './onvif-driver.js';
import { ONVIF_PRESET_MAX } from './onvif-presets.js';

export { ONVIF_PRESET_MAX };

export const onvifDriver = defineDriver({
  id: 'onvif',
  kind: 'camera',
  transport: 'http',
  description:
    'PTZ camera speaking ONVIF Profile S (Device, Media, PTZ, Events) over HTTP/SOAP, with WS-UsernameToken or HTTP digest authentication; stills through Media GetSnapshotUri.',
  config: Type.Object(
    {
      host: hostField('Camera IP address or host name'),
      port: tcpPortField(80, 'HTTP port of the ONVIF device service'),
      username: Type.Optional(Type.String({ description: 'ONVIF user (an operator account is enough for PTZ)' })),
      password: Type.Optional(Type.String({ description: 'Password of that user (kept out of logs)' })),
      auth: Type.Optional(
        Type.Union([Type.Literal('ws-security'), Type.Literal('digest')], {
          default: 'ws-security',
          description: 'ws-security: WS-UsernameToken digest in each message (HTTP digest still answered when the camera asks); digest: HTTP digest only',
        }),
      ),
      profile: Type.Optional(Type.String({ minLength: 1, description: "Media profile token; default the camera's first profile with video" })),
      timeoutMs: Type.Optional(
        Type.Integer({
          minimum: 200,
          maximum: 30_000,
          default: 5000,
          description: 'How long a question (GetStatus, GetPresets...) may take; preset and travel commands get at least 10 s, joystick moves 5 s',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  capabilities: onvifCameraCapabilities({ presets: ONVIF_PRESET_MAX }),
  // The camera says how many presets it stores (GetNodes) only once connected: presets 1..N.
  capabilitiesFromState: (_config, state) =>
    typeof state.maxPresets === 'number' && state.maxPresets > 0 ? [...onvifCameraCapabilities({ presets: state.maxPresets, firstPreset: 1 })] : undefined,
  // GetStatus once a second: a camera that stops answering is offline within 2 s.
  probeIntervalMs: 1000,
  loadProvisioning: async () => (await import('./onvif-provisioning.js')).onvifProvisioning,
  loadSimulator: async () => (await import('./onvif-simulator.js')).onvifSimulator,
  create(config, ctx) {
    return new OnvifDriver(config, ctx);
  },
});
