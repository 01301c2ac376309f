import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeetingView } from '../../appliance/api/api-types.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../appliance/notify/testing/smtp-recorder.js';
import { startFeedServer, type FeedServer } from '../../appliance/schedule/testing/feed-server.js';
import { calendarOf } from '../../appliance/schedule/testing/ics-text.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { mosquittoAcl } from '../../provisioning/install/mqtt-identity.js';
import { startMosquitto, type RunningMosquitto } from './mosquitto.js';
import { until } from './until.js';
import { spawnApplianceChild } from './spawn-appliance-child.js';

export const TOKEN = 'a-test-token-of-16-chars';

/**
 * The rooms' meeting rules run every second (a room's own default: every 5 s), so a story that
 * waits for a rule to act — the roll call at the start, the minutes after the end, a room that
 * took over deciding — waits a second for it, not five. The rules are the same.
 */
const ROOM_OPTIONS = { meetingTickMs: 1000 };

/** The lab's rooms: Aurora first in `site/room` order (so first in line to host), then Hudson, then Shenzhen. */
export const AURORA = { site: 'hq', id: 'aurora', name: 'Aurora' };
export const HUDSON = { site: 'ny', id: 'hudson', name: 'Hudson' };
export const SHENZHEN = { site: 'sz', id: 'lotus', name: 'Shenzhen' };

export interface LabRoom {
  site: string;
  id: string;
  name: string;
  /** `site/room` */
  key: string;
  user: { username: string; password: string };
  config: RoomConfig;
  display: RunningPjlinkSimulator;
  url: string;
  readonly running: boolean;
  /** The API, with the room's token. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /**
   * Has the room read its calendar since now (`POST /api/v1/calendar/refresh`, twice: a read
   * under way when asked is answered, and may have fetched the feed before the last `putInvite`).
   */
  readCalendar(): Promise<void>;
  /** The room's first meeting (the lab's invite; any put later starts after it) as its API shows it; none before it has read the invite. */
  meeting(): Promise<MeetingView | undefined>;
  /** The name of the room that keeps the meeting's time, as this room sees it. */
  hostName(): Promise<string | undefined>;
  /**
   * Rows of the room's own database, read-only while it runs: what its rules decided (a meeting's
   * marks), what it queued to send (its notify outbox) — to see that a room will not send, without
   * waiting a while for a mail that does not come.
   */
  read<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** kill -9: no clean `offline`; the broker sends the room's last will. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

/** An invite in the rooms' calendar: `startInMs` from when it is put there; the agenda's lines as a description numbers them ("Budget (20 min)"). */
export interface LabInvite {
  uid: string;
  title: string;
  startInMs: number;
  minutes: number;
  attendees: { name: string; email: string; required?: boolean }[];
  agenda: string[];
}

/** A record as it crossed the broker: who sent it, about which meeting, and (a copy sent again) the joins it answered. */
export interface HeardRecord {
  room: string;
  link: string;
  kind: string;
  id: string;
  resentFor?: string[];
}

export interface LinkedRoomsLab {
  broker: RunningMosquitto;
  smtp: SmtpRecorder;
  feed: FeedServer;
  /**
   * Puts an invite in the calendar every room reads, beside those there (one of the same uid:
   * moved or changed); each room reads it at its next refresh (`readCalendar`). Answers its start.
   */
  putInvite(invite: LabInvite): Date;
  rooms: LabRoom[];
  /** A broker user without a room identity: may read everything, write nothing (the ACL the fleet gets, minus commands). */
  reader: { username: string; password: string };
  /**
   * Every record the rooms put on the broker since the lab started, as a reader subscribed to all
   * rooms' records heard it (a re-send counts again: this is what crossed the broker).
   */
  onTheBroker(): HeardRecord[];
  /** Waits until every room has read the invite and sees all the lab's rooms in it; the meeting's id in each room. */
  meetingSeenByEveryRoom(): Promise<(room: LabRoom) => string>;
  close(): Promise<void>;
}

const toIcs = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Rooms in processes of their own, a real Mosquitto with the password and ACL files
 * provisioning writes for each room, one calendar feed holding the same invite for all of
 * them (each room's calendar), and an SMTP receiver for every room's mail. To read what the
 * rooms did, run with `ROOMCTL_TEST_LOG=debug ROOMCTL_LAB_LOGS=<dir>`: each room's log lines
 * go to `<dir>/<room id>.log`.
 */
export async function startLinkedRoomsLab(options: { rooms: { site: string; id: string; name: string }[]; invite: LabInvite }): Promise<LinkedRoomsLab> {
  const reader = { username: 'facilities', password: 'facilities-password' };
  const users = options.rooms.map((r) => ({ username: `roomctl-${r.site}-${r.id}`, password: `${r.id}-broker-password` }));
  const acl = [...options.rooms.map((r, i) => mosquittoAcl(users[i]!.username, r.site, r.id)), `user ${reader.username}`, 'topic read roomctl/#', ''].join(
    '\n',
  );
  const broker = await startMosquitto({ users: [...users, reader], acl });
  // Subscribed before any room starts, so it hears every record the rooms send.
  const heard: HeardRecord[] = [];
  const listener = await mqtt.connectAsync(broker.url, { ...reader, protocolVersion: 5, clientId: 'lab-reader', reconnectPeriod: 500 });
  listener.on('message', (_topic, payload) => {
    const { room, link, kind, id, resentFor } = JSON.parse(payload.toString()) as HeardRecord;
    heard.push({ room, link, kind, id, resentFor });
  });
  await listener.subscribeAsync('roomctl/+/+/meetings/+/records', { qos: 1 });
  const onTheBroker = () => [...heard];
  const smtp = await startSmtpRecorder();
  const feed = await startFeedServer();
  const invites = new Map<string, string[]>();
  const putInvite = (invite: LabInvite) => {
    const start = new Date(Math.ceil((Date.now() + invite.startInMs) / 1000) * 1000);
    const end = new Date(start.getTime() + invite.minutes * 60_000);
    invites.set(invite.uid, [
      `UID:${invite.uid}`,
      `DTSTART:${toIcs(start)}`,
      `DTEND:${toIcs(end)}`,
      `SUMMARY:${invite.title}`,
      'ORGANIZER;CN=Olga:mailto:olga@example.com',
      ...invite.attendees.map((a) => `ATTENDEE;CN=${a.name};ROLE=${a.required === false ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT'}:mailto:${a.email}`),
      `DESCRIPTION:${invite.agenda.map((line, i) => `${i + 1}. ${line}`).join('\\n')}`,
    ]);
    feed.routes.set('/shared.ics', { body: calendarOf([...invites.values()]) });
    return start;
  };
  putInvite(options.invite);
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-linked-'));
  const rooms: LabRoom[] = [];
  for (const [i, r] of options.rooms.entries()) {
    const display = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 50 });
    const config: RoomConfig = {
      room: { id: r.id, name: r.name, site: r.site, timezone: 'UTC' },
      api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
      storage: { dir: join(dir, r.id) },
      mqtt: { url: broker.url, protocolVersion: 5, username: users[i]!.username, password: users[i]!.password },
      calendar: { url: `${feed.url}/shared.ics` },
      meetings: { reminderMinutes: 0, minutesReviewMinutes: 0, selfTestMinutes: 0 },
      notifications: { email: { host: '127.0.0.1', port: smtp.port, from: `${r.id}@example.com` } },
      log: { level: 'info' },
      devices: [{ id: 'display', name: 'Display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port }],
    } as RoomConfig;
    const configPath = join(dir, `${r.id}.json`);
    await writeFile(configPath, JSON.stringify(config));
    rooms.push(labRoom(r, `${r.site}/${r.id}`, users[i]!, config, configPath, display));
  }
  const close = async () => {
    for (const r of rooms) await r.kill();
    for (const r of rooms) await r.display.close();
    await listener.endAsync(true);
    await smtp.close();
    await feed.close();
    await broker.close();
    await rm(dir, { recursive: true, force: true });
  };
  // A room that does not come up must not leave the others (processes, broker) behind.
  const started = await Promise.allSettled(rooms.map((r) => r.start()));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const meetingSeenByEveryRoom = async () => {
    const ids = new Map<LabRoom, string>();
    for (const room of rooms) ids.set(room, (await until(() => room.meeting(), 15_000, `${room.key} to read the invite`)).id);
    for (const room of rooms)
      await until(async () => (await room.meeting())?.rooms.length === rooms.length, 15_000, `${room.key} to see all ${rooms.length} rooms`);
    return (room: LabRoom) => ids.get(room)!;
  };
  return { broker, smtp, feed, putInvite, rooms, reader, onTheBroker, meetingSeenByEveryRoom, close };
}

function labRoom(
  r: { site: string; id: string; name: string },
  key: string,
  user: LabRoom['user'],
  config: RoomConfig,
  configPath: string,
  display: RunningPjlinkSimulator,
): LabRoom {
  let proc: ChildProcess | undefined;
  let url = '';
  const room: LabRoom = {
    ...r,
    key,
    user,
    config,
    display,
    get url() {
      return url;
    },
    get running() {
      return proc !== undefined;
    },
    async call(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    },
    async readCalendar() {
      for (let read = 0; read < 2; read++) {
        const answer = await room.call('POST', '/api/v1/calendar/refresh');
        if (answer.body.ok !== true) throw new Error(`room ${key} did not read its calendar: ${JSON.stringify(answer.body)}`);
      }
    },
    async meeting() {
      return ((await room.call('GET', '/api/v1/meetings')).body as unknown as MeetingView[])[0];
    },
    async hostName() {
      return (await room.meeting())?.rooms.find((r) => r.host)?.name;
    },
    read<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(join(config.storage.dir, 'roomctl.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async start() {
      const child = spawnApplianceChild(configPath, ROOM_OPTIONS);
      proc = child;
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (process.env.ROOMCTL_LAB_LOGS) appendFileSync(join(process.env.ROOMCTL_LAB_LOGS, `${r.id}.log`), d);
      });
      child.once('exit', () => {
        if (proc === child) proc = undefined;
      });
      await until(() => out.includes('READY') || proc !== child, 60_000, `room ${key} to start`);
      if (proc !== child) throw new Error(`room ${key} exited at start`);
      url = /URL (\S+)/.exec(out)![1]!;
    },
    async kill() {
      const child = proc;
      if (!child) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      proc = undefined;
    },
  };
  return room;
}
