import { Type, type Static } from '@sinclair/typebox';

const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'feishu', 'slack', 'teams', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const NOTIFY_KINDS = ['reminder', 'nudge', 'released', 'flagged', 'minutes', 'followup', 'selftest', 'problem', 'help'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

const Email = Type.Object(
  {
    host: Type.String({ minLength: 1, description: 'SMTP server' }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: 587 })),
    secure: Type.Optional(Type.Boolean({ default: false, description: 'TLS from the first byte (port 465); otherwise STARTTLS when offered' })),
    requireTLS: Type.Optional(Type.Boolean({ default: false, description: 'Refuse to send unless STARTTLS succeeds' })),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    from: Type.String({ minLength: 3, description: 'Sender, e.g. "Aurora room <aurora@example.com>"' }),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 120_000, default: 15_000 })),
  },
  { additionalProperties: false },
);

const Webhook = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'Channel id, for the outbox and the logs' }),
    format: Type.Union(
      WEBHOOK_FORMATS.map((f) => Type.Literal(f)),
      { description: 'wecom, dingtalk, feishu (Lark), slack, teams (Workflows adaptive card) or json' },
    ),
    url: Type.String({ pattern: '^https?://[^\\s]+$', description: 'Webhook URL given by the chat tool' }),
    secret: Type.Optional(Type.String({ minLength: 1, description: 'Signing secret (DingTalk, Feishu signature check; HMAC for json)' })),
    kinds: Type.Optional(Type.Array(Type.Union(NOTIFY_KINDS.map((k) => Type.Literal(k))), { description: 'Only these notifications; default all' })),
  },
  { additionalProperties: false },
);

const ADDRESS = '[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+';
/** `fm@example.com`, or `Facilities <fm@example.com>`. */
export const FACILITIES_ADDRESS = `^(?:${ADDRESS}|[^<>@]*<${ADDRESS}>)$`;

/** `notifications:` — how the room reaches people. */
export const NotificationsSection = Type.Object(
  {
    email: Type.Optional(Email),
    webhooks: Type.Optional(Type.Array(Webhook, { default: [] })),
    facilities: Type.Optional(
      Type.Array(
        // Checked as an address (one @, a dotted domain, no spaces), bare or with a name as `from` is
        // written: a length check let "facilities at example.com" through to the mail server.
        Type.String({ pattern: FACILITIES_ADDRESS, description: 'An e-mail address, e.g. facilities@example.com or "Facilities <fm@example.com>"' }),
        { description: 'Emails that get help calls, self-test failures, problem reports and flags' },
      ),
    ),
    retry: Type.Optional(
      Type.Object(
        {
          firstDelaySeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, default: 30 })),
          maxDelaySeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400, default: 3600 })),
          maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type NotificationsConfig = Static<typeof NotificationsSection>;
export type EmailChannelConfig = Static<typeof Email>;
export type WebhookChannelConfig = Static<typeof Webhook>;
