import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import { ManualClock } from '../../appliance/model/manual-clock.js';

export interface ClockedRoom {
  appliance: Appliance;
  clock: ManualClock;
  baseUrl: string;
  token: string;
  /** A request with the bearer token unless `headers` says otherwise; every answer's text is kept in `answers`. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  answers: string[];
  /** Stops the room and starts it again on the same data folder and clock (a new port: `baseUrl` follows). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const TOKEN = 'clocked-room-token-0123456789';

/**
 * The real appliance (API, store, meeting rules) with no devices and the meetings on a
 * ManualClock: tests that depend on the time of day or on windows of minutes move it
 * instead of waiting.
 */
export async function startClockedRoom(options: { start: string; timezone?: string; configure?: (config: RoomConfig) => void }): Promise<ClockedRoom> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-clocked-'));
  const clock = new ManualClock(options.start);
  const config: RoomConfig = {
    room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: options.timezone ?? 'Europe/Berlin' },
    api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
    storage: { dir: join(dir, 'data') },
    log: { level: 'silent' },
    devices: [],
  };
  options.configure?.(config);
  const start = () => startAppliance(config, { log: createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false }), clock });
  const answers: string[] = [];
  const room: ClockedRoom = {
    appliance: await start(),
    clock,
    baseUrl: '',
    token: TOKEN,
    answers,
    async call(method, path, body, headers = { authorization: `Bearer ${TOKEN}` }) {
      const res = await fetch(`${room.baseUrl}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      answers.push(`${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text };
    },
    async restart() {
      await room.appliance.close();
      room.appliance = await start();
      room.baseUrl = room.appliance.url;
    },
    async close() {
      await room.appliance.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  room.baseUrl = room.appliance.url;
  return room;
}

/** Books a meeting (`booking` as `POST /api/v1/bookings` takes it) and starts it: its id. */
export async function startMeeting(room: ClockedRoom, booking: Record<string, unknown>): Promise<string> {
  const booked = await room.call('POST', '/api/v1/bookings', booking);
  if (booked.status !== 201) throw new Error(`The booking was refused: ${booked.text}`);
  const started = await room.call('POST', `/api/v1/meetings/${booked.body.id}/start`);
  if (started.status !== 200) throw new Error(`The meeting did not start: ${started.text}`);
  return booked.body.id;
}
