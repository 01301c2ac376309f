import { localizedText } from '../../drivers/core/localized-text.js';
import { Type, type Static } from '@sinclair/typebox';
import { PIN_HASH_PATTERN } from './pin-hash.js';

/**
 * `panel:` — the touch panels of the room: the admin PIN, panels approved in advance, and
 * the camera joystick's dead-man's switch. Every field is optional; without `adminPin` the
 * admin view cannot be opened and pairing needs a code listed in `pairCodes`.
 */
export const PanelSection = Type.Object(
  {
    adminPin: Type.Optional(
      Type.String({
        pattern: `^([0-9]{4,12}|sha256:[0-9a-f]{64}|${PIN_HASH_PATTERN.slice(1, -1)})$`,
        description:
          'PIN for the admin view, kept in the secrets file: 4–12 digits, or its salted hash from `roomctl config hash-pin` ("scrypt$…"). An old unsalted "sha256:<hex>" still works; `roomctl config check` says how to replace it',
      }),
    ),
    pairCodes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z2-9]{4}-?[A-Z2-9]{4}$', description: 'A pairing code a panel shows, e.g. "K7QM-4XPA"' }), {
        description:
          'Panels approved in advance, kept in the secrets file: the first panel showing one of these codes is paired without the PIN; the code is then used up (unpairing does not free it)',
      }),
    ),
    presets: Type.Optional(
      Type.Array(
        Type.Object(
          {
            device: Type.String({ minLength: 1, description: 'Camera device id' }),
            preset: Type.Integer({ minimum: 1, maximum: 255 }),
            name: localizedText('What the button says: "Whole room", or per language { en: "Whole room", zh-CN: "全景" }', 40),
            nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'The button in Chinese (zh-CN); the same as name: { zh-CN: … }' })),
          },
          { additionalProperties: false },
        ),
        { description: 'Camera presets the panel offers as named buttons; without this list: presets 1–6 by number' },
      ),
    ),
    adminSessionMinutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 240, default: 10, description: 'An admin session ends after this long without use' }),
    ),
    moveWatchdogMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10_000,
        default: 500,
        description: 'A camera `move` that is not renewed within this long is followed by `stop` (the joystick sends heartbeats); 0 turns it off',
      }),
    ),
  },
  { additionalProperties: false },
);

export type PanelConfig = Static<typeof PanelSection>;

export const PANEL_DEFAULTS = { adminSessionMinutes: 10, moveWatchdogMs: 500 } as const;
