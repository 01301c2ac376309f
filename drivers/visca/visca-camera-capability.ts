import { Type } from '@sinclair/typebox';
import { action, power, ptz } from '../core/capabilities.js';

/**
 * What a VISCA camera can do beyond the shared `ptz()` actions. Schemas admit what the
 * protocol can carry; the driver narrows them to the configured model's ranges (see
 * visca-profiles.ts) and answers ROOMCTL_E_ACTION_PARAMS with the allowed range.
 */
const none = () => Type.Object({}, { additionalProperties: false });
const position16 = (description: string) => Type.Integer({ minimum: 0, maximum: 0xffff, description });
const signed16 = (description: string) => Type.Integer({ minimum: -0x8000, maximum: 0x7fff, description });
const speed = Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 1, description: "Fraction of the model's top speed (0 = slowest)" }));

export interface ViscaCameraOptions {
  /** Highest preset number any supported model has; the driver narrows per model. */
  presets: number;
}

export function viscaCamera(options: ViscaCameraOptions) {
  return {
    name: 'visca-camera',
    actions: [
      action(
        'zoom.direct',
        'Zoom to a lens position (camera units, 0 = wide end).',
        Type.Object({ position: position16('Zoom position, 0 = wide') }, { additionalProperties: false }),
      ),
      action(
        'zoom.drive',
        "Zoom tele or wide until stopped: at a speed (variable zoom), or the camera's standard speed when none is given.",
        Type.Object(
          {
            direction: Type.Union([Type.Literal('tele'), Type.Literal('wide'), Type.Literal('stop')]),
            speed: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "Fraction of the model's top zoom speed" })),
          },
          { additionalProperties: false },
        ),
      ),
      action(
        'focus.mode',
        'Autofocus, manual focus, or a single autofocus pass (one-push).',
        Type.Object({ mode: Type.Union([Type.Literal('auto'), Type.Literal('manual'), Type.Literal('one-push')]) }, { additionalProperties: false }),
      ),
      action(
        'focus.drive',
        'Drive manual focus far or near, or stop it.',
        Type.Object({ direction: Type.Union([Type.Literal('far'), Type.Literal('near'), Type.Literal('stop')]), speed }, { additionalProperties: false }),
      ),
      action(
        'focus.direct',
        'Set manual focus to a lens position (camera units).',
        Type.Object({ position: position16('Focus position') }, { additionalProperties: false }),
      ),
      action(
        'position.absolute',
        'Pan and tilt to a position (signed camera units, 0/0 = home).',
        Type.Object({ pan: signed16('Pan, negative = left'), tilt: signed16('Tilt, negative = down'), speed }, { additionalProperties: false }),
      ),
      action(
        'position.relative',
        'Pan and tilt by an offset from where the camera is (signed camera units).',
        Type.Object({ pan: signed16('Pan offset, negative = left'), tilt: signed16('Tilt offset, negative = down'), speed }, { additionalProperties: false }),
      ),
      action(
        'preset.reset',
        'Forget a stored preset.',
        Type.Object({ preset: Type.Integer({ minimum: 0, maximum: options.presets }) }, { additionalProperties: false }),
      ),
      action('reset', 'Re-calibrate pan and tilt (the camera sweeps its full range).', none()),
      action('inquire', 'Read power, zoom, focus, pan and tilt from the camera.', none()),
    ],
  };
}

/** Everything a VISCA camera (serial or IP) declares, for a model with `presets` presets: the handler table is typed from it. */
export function viscaCameraCapabilities(presets: number) {
  return [power(), ptz({ presets }), viscaCamera({ presets })] as const;
}

export type ViscaCameraCapabilities = ReturnType<typeof viscaCameraCapabilities>;
