import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';

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
    locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], { default: 'en', description: 'Panel language' })),
  },
  { additionalProperties: false },
);

export const ApiSection = Type.Object(
  {
    listen: Type.String({ pattern: '^[^\\s]+:[0-9]{1,5}$', default: '0.0.0.0:8080', description: 'host:port the API and panel listen on' }),
    tokens: Type.Array(Type.String({ minLength: 16, description: 'A bearer token of at least 16 characters' }), {
      minItems: 1,
      description: 'Bearer tokens allowed to run mutations',
    }),
  },
  { additionalProperties: false },
);

export const StorageSection = Type.Object(
  { dir: Type.String({ minLength: 1, default: '/var/lib/roomctl', description: 'Data folder (SQLite database, recordings)' }) },
  { additionalProperties: false },
);

export const MqttSection = Type.Object(
  {
    url: Type.String({ pattern: '^(mqtts?|wss?)://[^\\s]+$', description: 'Broker URL, e.g. mqtts://broker.example:8883' }),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    clientId: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const LogSection = Type.Object(
  {
    level: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((l) => Type.Literal(l)), {
      default: 'info',
      description: 'Log level',
    }),
  },
  { additionalProperties: false },
);

/** Fields every device entry has, whatever its driver. */
export const DeviceBaseFields = {
  id: slug('Device id, unique in the room'),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Name people see on the panel' })),
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
    },
    { additionalProperties: false },
  );
}

/** Validated at start: devices are checked one by one against their driver's schema. */
export const RoomConfigShape = roomConfigSchema(Type.Unknown());

/** The JSON Schema for editors: each device entry is one of the drivers' schemas. */
export function exportedConfigSchema(drivers: readonly AnyDriverDefinition[]): TSchema {
  const schema = roomConfigSchema(Type.Union(drivers.map(deviceSchema)));
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://roomctl.dev/schema/room-config.json', title: 'roomctl room config', ...schema };
}

export interface DeviceConfig {
  id: string;
  driver: string;
  name?: string;
  [field: string]: unknown;
}

export type RoomConfig = Omit<Static<typeof RoomConfigShape>, 'devices' | 'storage' | 'log'> & {
  storage: Static<typeof StorageSection>;
  log: Static<typeof LogSection>;
  devices: DeviceConfig[];
};
