import { mosquittoAcl } from '../../provisioning/install/mqtt-identity.js';
import { startMosquitto, type RunningMosquitto } from './mosquitto.js';
import { linkHears, startTelemetryRoom, type TelemetryRoom } from './telemetry-room.js';

/** A room's broker login as provisioning names it. */
export interface BrokerLogin {
  username: string;
  password: string;
}

const loginOf = (site: string, id: string): BrokerLogin => ({ username: `roomctl-${site}-${id}`, password: `${id}-broker-password` });

export interface AuroraAndARoomItLinks {
  broker: RunningMosquitto;
  /** hq/aurora, the organiser's room. */
  aurora: TelemetryRoom;
  /** A room of another site that takes Aurora's invitations (`acceptFrom: ["hq/aurora"]`). */
  linked: TelemetryRoom;
  /** The broker logins of `outsiders`, rooms with no appliance here (a thief's), by `site/room`. */
  logins: Record<string, BrokerLogin>;
  close(): Promise<void>;
}

/**
 * Two rooms in this process on one Mosquitto with the logins and ACL provisioning writes for
 * each (a room writes only its own topics): Aurora (site hq), and a room of another site that
 * takes Aurora's invitations, so Aurora can link it to a meeting (it listens on the broker when
 * this resolves). `outsiders` (`site/room`) get a login and ACL of their own too, with no
 * appliance behind them.
 */
export async function startAuroraAndARoomItLinks(
  room: { site: string; id: string; name: string },
  outsiders: string[] = [],
  /** Both rooms' meeting rules and mail (the linked room takes Aurora's invitations besides). */
  both: Pick<Parameters<typeof startTelemetryRoom>[0], 'meetings' | 'notifications'> = {},
): Promise<AuroraAndARoomItLinks> {
  const keys = ['hq/aurora', `${room.site}/${room.id}`, ...outsiders].map((key) => key.split('/') as [string, string]);
  const logins = Object.fromEntries(keys.map(([site, id]) => [`${site}/${id}`, loginOf(site, id)]));
  const broker = await startMosquitto({
    users: Object.values(logins),
    acl: keys.map(([site, id]) => mosquittoAcl(logins[`${site}/${id}`]!.username, site, id)).join('\n'),
  });
  const mqttOf = (login: BrokerLogin) => ({ url: broker.url, protocolVersion: 5 as const, ...login });
  const rooms: TelemetryRoom[] = [];
  const close = async () => {
    for (const r of rooms) await r.close();
    await broker.close();
  };
  try {
    rooms.push(await startTelemetryRoom({ mqtt: mqttOf(logins['hq/aurora']!), ...both }));
    rooms.push(
      await startTelemetryRoom({
        mqtt: mqttOf(logins[`${room.site}/${room.id}`]!),
        room: { id: room.id, name: room.name, site: room.site },
        notifications: both.notifications,
        meetings: { ...both.meetings, links: { ...both.meetings?.links, acceptFrom: ['hq/aurora'] } },
      }),
    );
    // Linked only once it listens: an invitation Aurora sends before then is lost.
    await linkHears(rooms[1]!, 'hq/aurora');
  } catch (err) {
    await close();
    throw err;
  }
  const outsiderLogins = Object.fromEntries(outsiders.map((key) => [key, logins[key]!]));
  return { broker, aurora: rooms[0]!, linked: rooms[1]!, logins: outsiderLogins, close };
}
