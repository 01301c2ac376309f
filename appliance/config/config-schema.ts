import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { localizedText, type LocalizedText } from '../../drivers/core/localized-text.js';
import { CallsSection } from '../calls/call-config.js';
import { MeetingsSection } from '../meetings/meeting-config.js';
import { NotificationsSection } from '../notify/notify-config.js';
import { CalendarSection } from '../schedule/calendar-config.js';
import { MediaSection } from '../media/media-config.js';
import { PanelSection } from '../panel/panel-config.js';

/**
 * The room config, one TypeBox schema per section. The same objects validate the config at
 * start and are exported as JSON Schema for editors (`roomctl config schema`), so the two
 * never drift apart.
 */
const slug = (description: string) =>
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: `${description} (lower-case letters, digits and dashes)` });

export const RoomSection = Type.Object(
  {
    id: slug('Room id, unique in the fleet; part of the MQTT topics'),
    name: Type.String({ minLength: 1, maxLength: 80, description: 'Name people see on the panel' }),
    site: slug('Site (building) id; part of the MQTT topics'),
    timezone: Type.String({ minLength: 1, description: 'IANA time zone, e.g. Asia/Shanghai or Europe/Berlin' }),
    locale: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], {
        default: 'en',
        description: "The panel's default language and the language of the minutes and messages the room sends",
      }),
    ),
  },
  { additionalProperties: false },
);

const limit = (description: string) => Type.Optional(Type.Integer({ minimum: 1, description }));

/** Bounds on what clients may hold (defaults in http/connection-limits.ts; change them only to test or for an unusual room). */
const ApiLimitsSection = Type.Object(
  {
    headersTimeoutMs: limit("A request's headers must arrive within this (default 10 s)"),
    requestTimeoutMs: limit('A whole request must arrive within this (default 30 s)'),
    idleTimeoutMs: limit('A connection silent for this long is closed (default 30 s)'),
    keepAliveTimeoutMs: limit('A kept-alive connection between requests (default 5 s)'),
    checkIntervalMs: limit('How often the timeouts are checked (default 1 s)'),
    maxConnections: limit('Open connections in all (default 1024)'),
    maxConnectionsPerClient: limit('Open connections from one address (default 128)'),
    streamClients: limit('Live streams in all (default 64)'),
    streamClientsPerClient: limit('Live streams from one address (default 16)'),
    streamBufferBytes: limit('Unsent bytes after which a stream client that does not read is closed (default 128 KB)'),
    streamTickMs: limit('A device past its burst of 10 updates gets one update out per this long, the newest (default 20 ms)'),
    streamPingMs: limit('Streams are pinged this often; one silent until the next ping is closed (default 10 s)'),
    meetingCodeWritesPerMinute: limit("Changes one address may make per minute with a meeting's code or a personal minutes link (default 120)"),
    helpCallsPerMinute: limit('Calls for help the room makes per minute, whoever calls (default 10)'),
    feedbackPerMinute: limit('Ratings and problem reports the room takes per minute, whoever sends them (default 30)'),
    selfTestsPerMinute: limit('Self-tests the room runs on request per minute, whoever asks (default 6)'),
  },
  { additionalProperties: false },
);
export type ApiLimitsConfig = Static<typeof ApiLimitsSection>;

export const ApiSection = Type.Object(
  {
    listen: Type.String({ pattern: '^[^\\s]+:[0-9]{1,5}$', default: '0.0.0.0:8080', description: 'host:port the API and panel listen on' }),
    publicUrl: Type.Optional(
      Type.String({
        pattern: '^https?://[^\\s]+$',
        description:
          'The one URL phones and e-mails reach this room at, e.g. http://10.0.0.20:8080: every QR code and e-mail link starts with it (default: the listen address, or the first LAN address when listening on every address)',
      }),
    ),
    tokens: Type.Array(Type.String({ minLength: 16, description: 'A bearer token of at least 16 characters' }), {
      minItems: 1,
      description: "Bearer tokens of the room: every mutation and every read of personal data needs one (or a paired panel's credential)",
    }),
    panelTokens: Type.Optional(
      Type.Array(Type.String({ minLength: 16, description: 'A bearer token of at least 16 characters' }), {
        description:
          "Tokens given to the room's own panels set up with a token rather than paired (a kiosk opened at /?token=…): the same rights as `tokens`, and what is done with one counts as done at the panel (a release records releasedVia: panel)",
      }),
    ),
    openReads: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Room health (/api/v1/status, /api/v1/devices, /metrics) readable without a credential; false closes them too',
      }),
    ),
    limits: Type.Optional(ApiLimitsSection),
  },
  { additionalProperties: false },
);

export const StorageSection = Type.Object(
  { dir: Type.String({ minLength: 1, default: '/var/lib/roomctl', description: 'Data folder (SQLite database, recordings)' }) },
  { additionalProperties: false },
);

const MqttSection = Type.Object(
  {
    url: Type.String({ pattern: '^(mqtts?|wss?)://[^\\s]+$', description: 'Broker URL, e.g. mqtts://broker.example:8883' }),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    clientId: Type.Optional(Type.String({ minLength: 1 })),
    // Telemetry: protocol, TLS, session, store-and-forward, commands, discovery.
    protocolVersion: Type.Optional(Type.Union([Type.Literal(4), Type.Literal(5)], { default: 5, description: 'MQTT 5 (5) or 3.1.1 (4)' })),
    ca: Type.Optional(Type.String({ minLength: 1, description: 'PEM file of the CA the broker certificate must chain to (pins the CA)' })),
    cert: Type.Optional(Type.String({ minLength: 1, description: "PEM file of this room's client certificate" })),
    key: Type.Optional(Type.String({ minLength: 1, description: "PEM file of the client certificate's private key" })),
    rejectUnauthorized: Type.Optional(
      Type.Boolean({ default: true, description: 'Refuse a broker whose certificate does not verify (false only for lab brokers)' }),
    ),
    sessionExpirySeconds: Type.Optional(
      Type.Integer({ minimum: 0, default: 604800, description: "MQTT 5: how long the broker keeps this room's session while it is away" }),
    ),
    outbox: Type.Optional(
      Type.Object(
        {
          maxMessages: Type.Optional(
            Type.Integer({
              minimum: 100,
              default: 100000,
              description: 'Messages kept while the broker is away; the oldest are dropped (and counted) beyond this',
            }),
          ),
          maxAgeSeconds: Type.Optional(
            Type.Integer({ minimum: 60, default: 604800, description: 'Messages older than this are dropped (and counted) instead of sent' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    commandKeys: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ minLength: 1, maxLength: 64, description: 'Key id the central sender names in its command' }),
            secret: Type.String({ minLength: 32, description: 'Shared secret for the HMAC-SHA256 command signature (32+ characters)' }),
          },
          { additionalProperties: false },
        ),
        { description: 'Keys allowed to sign central commands on cmd/<name>; none: every command is refused' },
      ),
    ),
    homeAssistant: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean({ default: true, description: 'Publish Home Assistant MQTT discovery' })),
          discoveryPrefix: Type.Optional(Type.String({ minLength: 1, default: 'homeassistant' })),
          republishMinSeconds: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 3600,
              default: 60,
              description: "Home Assistant's `online` makes the room publish discovery again at most once in this many seconds",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const LogSection = Type.Object(
  {
    level: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((l) => Type.Literal(l)),
      {
        default: 'info',
        description: 'Log level',
      },
    ),
  },
  { additionalProperties: false },
);

/** Fields every device entry has, whatever its driver. */
const DeviceBaseFields = {
  id: slug('Device id, unique in the room'),
  name: Type.Optional(localizedText('Name people see on the panel: one, or one per language ({ en: "Front camera", zh-CN: "前置摄像头" })')),
  probeTimeoutMs: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 60_000,
      description:
        "The least time the watchdog waits for this device to answer before it counts as silent (ms); stretched by itself to a few times the device's measured reply time. Default: the driver's, else 3000.",
    }),
  ),
};

export function deviceSchema(driver: AnyDriverDefinition): TObject {
  return Type.Object(
    { ...DeviceBaseFields, driver: Type.Literal(driver.id), ...driver.config.properties },
    { additionalProperties: false, title: driver.id, description: driver.description },
  );
}

function roomConfigSchema(devices: TSchema) {
  return Type.Object(
    {
      room: RoomSection,
      api: ApiSection,
      storage: Type.Optional(StorageSection),
      mqtt: Type.Optional(MqttSection),
      log: Type.Optional(LogSection),
      devices: Type.Array(devices, { default: [] }),
      calendar: Type.Optional(CalendarSection),
      notifications: Type.Optional(NotificationsSection),
      meetings: Type.Optional(MeetingsSection),
      media: Type.Optional(MediaSection),
      panel: Type.Optional(PanelSection),
      calls: Type.Optional(CallsSection),
      secrets: Type.Optional(
        Type.String({ minLength: 1, description: 'File holding the secret fields (passwords, tokens), merged at load; relative to this file; mode 0600' }),
      ),
    },
    { additionalProperties: false },
  );
}

/** Validated at start: devices are checked one by one against their driver's schema. */
export const RoomConfigShape = roomConfigSchema(Type.Unknown());

/** The JSON Schema for editors: each device entry is one of the drivers' schemas. */
export function exportedConfigSchema(drivers: readonly AnyDriverDefinition[]): TSchema {
  const schema = roomConfigSchema(Type.Union(drivers.map(deviceSchema)));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://roomctl.dev/schema/room-config.json',
    title: 'roomctl room config',
    ...schema,
  };
}

export interface DeviceConfig {
  id: string;
  driver: string;
  name?: LocalizedText;
  [field: string]: unknown;
}

export type RoomConfig = Omit<Static<typeof RoomConfigShape>, 'devices' | 'storage' | 'log'> & {
  storage: Static<typeof StorageSection>;
  log: Static<typeof LogSection>;
  devices: DeviceConfig[];
};
