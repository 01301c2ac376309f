import { Type } from '@sinclair/typebox';
import type { Capability } from '../core/definition.js';

/**
 * What an ONVIF PTZ camera can do beyond the shared `ptz()` actions. ONVIF names presets
 * with tokens (strings), so the preset.* actions here take tokens; the shared
 * preset.recall/save take the room's preset numbers (see onvif-presets.ts for the mapping).
 */
const none = () => Type.Object({}, { additionalProperties: false });
const unit = (description: string) => Type.Number({ minimum: -1, maximum: 1, description });
const speed = Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Fraction of the top speed; default the camera\'s' }));
const token = Type.String({ minLength: 1, maxLength: 64, description: 'Preset token, as preset.list shows it' });

export function onvifCamera(): Capability {
  return {
    name: 'onvif-camera',
    actions: [
      {
        name: 'position.absolute',
        description: 'Pan, tilt (-1..1) and zoom (0..1) to a position in the ONVIF generic space.',
        params: Type.Object(
          { pan: unit('-1 left .. 1 right'), tilt: unit('-1 down .. 1 up'), zoom: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: '0 wide .. 1 tele' })), speed },
          { additionalProperties: false },
        ),
      },
      {
        name: 'position.relative',
        description: 'Move by an offset from where the camera is (generic translation space).',
        params: Type.Object({ pan: unit('Pan offset'), tilt: unit('Tilt offset'), zoom: Type.Optional(unit('Zoom offset')), speed }, { additionalProperties: false }),
      },
      { name: 'home.set', description: 'Make the current position the home position.', params: none() },
      { name: 'preset.list', description: 'List the presets stored in the camera.', params: none() },
      {
        name: 'preset.set',
        description: 'Store the current position as a named preset (overwrites the preset with `token` when given).',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), token: Type.Optional(token) }, { additionalProperties: false }),
      },
      { name: 'preset.goto', description: 'Go to a preset by token.', params: Type.Object({ token }, { additionalProperties: false }) },
      { name: 'preset.remove', description: 'Delete a preset by token.', params: Type.Object({ token }, { additionalProperties: false }) },
      { name: 'status', description: 'Read position and movement from the camera (GetStatus).', params: none() },
      { name: 'stream.uri', description: 'The RTSP URI of the configured profile, for the media pipeline.', params: none() },
      { name: 'info', description: 'Manufacturer, model, firmware and serial number.', params: none() },
    ],
  };
}
