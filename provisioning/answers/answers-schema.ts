import { Type, type Static, type TObject, type TOptional } from '@sinclair/typebox';
import { PROVISIONING_DRIVERS, type ProvisioningDriver } from '../provisioning-drivers.js';
import { ApiSection, RoomSection, StorageSection } from '../../appliance/config/config-schema.js';

/**
 * What IT answers (by hand or in an answers file for a hundred rooms). Sections that the
 * room config also has reuse its schema pieces, so an answer is refused for the same
 * reason the config would be, with the same words.
 */
const secretText = Type.String({ minLength: 1 });

/** One optional section per driver that declares one (`devices.pjlink`, `discovery.onvif`), keyed by the driver's id. */
function driverSections(section: (d: ProvisioningDriver) => TObject | undefined): Record<string, TOptional<TObject>> {
  return Object.fromEntries(PROVISIONING_DRIVERS.flatMap((d) => (section(d) ? [[d.id, Type.Optional(section(d)!)]] : [])));
}

const MqttAnswers = Type.Object(
  {
    url: Type.String({ pattern: '^(mqtts?|wss?)://[^\\s]+$', description: 'Broker URL, e.g. mqtts://broker.example:8883' }),
    identity: Type.Optional(
      Type.Union([Type.Literal('password'), Type.Literal('certificate')], {
        default: 'password',
        description: 'password: a username and password (generated when not given); certificate: a key and CSR for your CA to sign',
      }),
    ),
    username: Type.Optional(Type.String({ minLength: 1, description: 'Broker username; default roomctl-<site>-<room>' })),
    password: Type.Optional(secretText),
    ca: Type.Optional(Type.String({ minLength: 1, description: "PEM file of the broker's CA (for mqtts://)" })),
    emqxAcl: Type.Optional(Type.Boolean({ default: false, description: 'Also write the ACL in EMQX acl.conf form' })),
  },
  { additionalProperties: false },
);

const ServiceAnswers = Type.Object(
  {
    user: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_-]{0,30}$', default: 'roomctl', description: 'System user the service runs as' })),
    kiosk: Type.Optional(Type.Boolean({ default: false, description: 'This mini-PC drives the touch panel itself: start a kiosk browser at boot' })),
    kioskUser: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_-]{0,30}$', default: 'roomctl-kiosk', description: 'User the kiosk browser runs as' })),
  },
  { additionalProperties: false },
);

const DeviceAnswers = Type.Object(
  {
    /** Endpoint (by-id path, host, host:port or vid:pid[:serial]) → device id or {id, name}. */
    names: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([
          Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
          Type.Object(
            { id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }), name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })) },
            { additionalProperties: false },
          ),
        ]),
        { description: 'Names for found devices, keyed by where they were found' },
      ),
    ),
    /** Each driver's credentials section (`devices.onvif: {username, password}`, `devices.pjlink: {password}`). */
    ...driverSections((d) => d.credentials),
  },
  { additionalProperties: false },
);

const DiscoveryAnswers = Type.Object(
  {
    serialByIdDir: Type.Optional(Type.String({ minLength: 1, default: '/dev/serial/by-id', description: "udev's stable serial links" })),
    systemSerialPorts: Type.Optional(Type.Boolean({ default: true, description: 'Also probe ports the OS lists without a by-id link (on-board ttyS*)' })),
    hid: Type.Optional(Type.Boolean({ default: true })),
    probeTimeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 10_000, default: 600, description: 'How long each probe question waits' })),
    hosts: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Network devices to probe besides those that answer the searches (host or host:port)' }),
    ),
    /** Each driver's network search settings (`discovery.pjlink`, `discovery.onvif`), `search: false` to skip it. */
    ...driverSections((d) => d.discover?.options),
  },
  { additionalProperties: false },
);

export const Answers = Type.Object(
  {
    room: Type.Object(
      {
        id: RoomSection.properties.id,
        name: RoomSection.properties.name,
        site: RoomSection.properties.site,
        timezone: RoomSection.properties.timezone,
        language: Type.Optional(
          Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], {
            default: 'en',
            description: "The room's language: its panel, its minutes and the messages it sends attendees",
          }),
        ),
      },
      { additionalProperties: false },
    ),
    api: Type.Optional(Type.Object({ listen: ApiSection.properties.listen, publicUrl: ApiSection.properties.publicUrl }, { additionalProperties: false })),
    /** The admin PIN goes to secrets.yaml (`panel: { adminPin }`); generated when not given, kept on reruns. */
    panel: Type.Optional(
      Type.Object(
        {
          adminPin: Type.Optional(
            Type.String({ pattern: '^[0-9]{4,12}$', description: "PIN of the panel's admin view: 4 to 12 digits (default: 6 generated digits)" }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    storage: Type.Optional(StorageSection),
    mqtt: Type.Optional(MqttAnswers),
    /** Written as the config's `calendar` section when this build has one; validated there. */
    calendar: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "The calendar feed, in the config's calendar section form" })),
    /** Written as the config's `notifications` section when this build has one; validated there. */
    notifications: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: "Notification channels, in the config's notifications section form" }),
    ),
    service: Type.Optional(ServiceAnswers),
    devices: Type.Optional(DeviceAnswers),
    discovery: Type.Optional(DiscoveryAnswers),
  },
  { additionalProperties: false },
);

/** Each driver's own section of a kind (`devices.pjlink`), typed loosely here: the driver's schema validated it. */
type WithDriverSections<T> = T & { [driverId: string]: Record<string, unknown> | undefined };

export type ProvisionAnswers = Omit<Static<typeof Answers>, 'devices' | 'discovery'> & {
  devices?: WithDriverSections<Static<typeof DeviceAnswers>>;
  discovery?: WithDriverSections<Static<typeof DiscoveryAnswers>>;
};
