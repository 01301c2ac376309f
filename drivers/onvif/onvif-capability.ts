import { Type } from '@sinclair/typebox';
import { action, ptz, type PtzOptions, snapshot } from '../core/capabilities.js';

/**
 * What an ONVIF PTZ camera can do beyond the shared `ptz()` actions. ONVIF names presets
 * with tokens (strings), so the preset.* actions here take tokens; the shared
 * preset.recall/save take the room's preset numbers (see onvif-presets.ts for the mapping).
 */
const none = () => Type.Object({}, { additionalProperties: false });
const unit = (description: string) => Type.Number({ minimum: -1, maximum: 1, description });
const speed = Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "Fraction of the top speed; default the camera's" }));
const token = Type.String({ minLength: 1, maxLength: 64, description: 'Preset token, as preset.list shows it' });

export function onvifCamera() {
  return {
    name: 'onvif-camera',
    actions: [
      action(
        'position.absolute',
        'Pan, tilt (-1..1) and zoom (0..1) to a position in the ONVIF generic space.',
        Type.Object(
          {
            pan: unit('-1 left .. 1 right'),
            tilt: unit('-1 down .. 1 up'),
            zoom: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: '0 wide .. 1 tele' })),
            speed,
          },
          { additionalProperties: false },
        ),
      ),
      action(
        'position.relative',
        'Move by an offset from where the camera is (generic translation space).',
        Type.Object({ pan: unit('Pan offset'), tilt: unit('Tilt offset'), zoom: Type.Optional(unit('Zoom offset')), speed }, { additionalProperties: false }),
      ),
      action('home.set', 'Make the current position the home position.', none()),
      action('preset.list', 'List the presets stored in the camera.', none()),
      action(
        'preset.set',
        'Store the current position as a named preset (overwrites the preset with `token` when given).',
        Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), token: Type.Optional(token) }, { additionalProperties: false }),
      ),
      action('preset.goto', 'Go to a preset by token.', Type.Object({ token }, { additionalProperties: false })),
      action('preset.remove', 'Delete a preset by token.', Type.Object({ token }, { additionalProperties: false })),
      action('status', 'Read position and movement from the camera (GetStatus).', none()),
      action('stream.uri', 'The RTSP URI of the configured profile, for the media pipeline.', none()),
      action('info', 'Manufacturer, model, firmware and serial number.', none()),
    ],
  };
}

/** Everything an ONVIF camera declares: the handler table is typed from it. */
export function onvifCameraCapabilities(presets: PtzOptions) {
  return [ptz(presets), snapshot(), onvifCamera()] as const;
}

export type OnvifCameraCapabilities = ReturnType<typeof onvifCameraCapabilities>;
