import { Type, type Static } from '@sinclair/typebox';

/** `calls:` — how the room joins the online meeting of a booking. */
export const CallsSection = Type.Object(
  {
    launcher: Type.Optional(Type.Literal('browser', { default: 'browser', description: 'How calls are opened: a browser of their own on the room display' })),
    browser: Type.Optional(
      Type.Object(
        {
          executable: Type.Optional(Type.String({ minLength: 1, default: '/usr/bin/chromium', description: 'The browser that runs the call' })),
          display: Type.Optional(
            Type.String({ pattern: '^:\\d+(\\.\\d+)?$', description: 'X display of the room screen, e.g. ":0" (the one the panel kiosk is not on)' }),
          ),
          extraArgs: Type.Optional(
            Type.Array(Type.String({ pattern: '^--[a-z0-9-]+(=.*)?$' }), { maxItems: 20, description: 'Added to the browser command line' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    allowDomains: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z0-9.-]+$' }), {
        default: [],
        description: 'Hosts besides the known services whose meeting links may be opened (a company meeting server)',
      }),
    ),
    jitsiDomains: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9.-]+$' }), { default: [], description: 'Self-hosted Jitsi servers' })),
    displayInput: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The display input the computer that runs the call is on (e.g. "32", "hdmi2"): displays turn on and to it when a call opens',
      }),
    ),
    autoJoin: Type.Optional(Type.Boolean({ default: false, description: 'Join the call when the meeting starts, without a touch' })),
  },
  { additionalProperties: false },
);

export type CallsConfig = Static<typeof CallsSection>;
