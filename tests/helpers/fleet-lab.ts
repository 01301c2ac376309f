import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildPanelIfStale, launchChromium } from './panel-browser.js';
import { startMosquitto, type RunningMosquitto } from './mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from './telemetry-room.js';
import { FLEET_TOKEN, startTestFleet } from './test-fleet.js';

type TestFleet = Awaited<ReturnType<typeof startTestFleet>>;

/** The room every fleet lab test plays or runs: site `hq`, room `aurora`. */
const AURORA = { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' };

export interface FleetLab {
  broker: RunningMosquitto;
  fleet: TestFleet;
  browser: Browser;
  /** Errors thrown in any dashboard the lab opened, each prefixed with the dashboard's operator. */
  errors: string[];
  /**
   * The real appliance (`hq/aurora`, a PJLink display simulator) on the lab's broker over MQTT 5,
   * trusting the fleet's command key when the fleet signs commands.
   */
  telemetryRoom(options?: Omit<Parameters<typeof startTelemetryRoom>[0], 'mqtt'>): Promise<TelemetryRoom>;
  /** A bare MQTT client speaking as `hq/aurora`: it has published the room's retained state (with these device names). */
  mqttRoom(deviceNames?: Record<string, { en: string; 'zh-CN': string }>): Promise<MqttClient>;
  /**
   * The built dashboard in its own browser context (UTC, en-US), signed in as `operator` with
   * their own token once it shows their name; without one, with the fleet's shared token.
   */
  dashboard(options?: { operator?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** Has `thing` closed with the lab: after the browser, before the fleet and the broker (the last one given first). */
  closeAtEnd<T extends { close(): Promise<unknown> }>(thing: T): T;
  close(): Promise<void>;
}

/**
 * What the fleet's end-to-end tests stand on: a real Mosquitto, a fleet view on it, and Debian's
 * Chromium for the built dashboard (built first if stale). Rooms come onto the broker through the lab.
 */
export async function startFleetLab(options: Omit<Parameters<typeof startTestFleet>[0], 'broker'> = {}): Promise<FleetLab> {
  buildPanelIfStale();
  const closers: Array<() => Promise<unknown>> = [];
  const broker = await startMosquitto();
  closers.push(() => broker.close());
  try {
    const fleet = await startTestFleet({ ...options, broker: { url: broker.url } });
    closers.push(() => fleet.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const errors: string[] = [];
    const lab: FleetLab = {
      broker,
      fleet,
      browser,
      errors,
      async telemetryRoom(roomOptions = {}) {
        const commandKeys = options.commandKey ? { commandKeys: [options.commandKey] } : {};
        return lab.closeAtEnd(await startTelemetryRoom({ ...roomOptions, mqtt: { url: broker.url, protocolVersion: 5, ...commandKeys } }));
      },
      async mqttRoom(deviceNames) {
        const room = await mqtt.connectAsync(broker.url);
        lab.closeAtEnd({ close: () => room.endAsync() });
        const state = { room: AURORA, ...(deviceNames ? { deviceNames } : {}) };
        await room.publishAsync('roomctl/hq/aurora/state', JSON.stringify(state), { qos: 1, retain: true });
        return room;
      },
      async dashboard({ operator, viewport = { width: 1440, height: 1000 } } = {}) {
        const context = await browser.newContext({ viewport, timezoneId: 'UTC', locale: 'en-US' });
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`${operator ?? 'shared token'}: ${e.message}`));
        await page.goto(`${fleet.url}/?token=${operator ? await fleet.operators.add(operator) : FLEET_TOKEN}`);
        if (operator) await page.locator('[data-operator]').filter({ hasText: operator }).waitFor({ timeout: 10_000 });
        return page;
      },
      closeAtEnd(thing) {
        // Just before the browser's closer, which stays last: closed in reverse, the browser goes first.
        closers.splice(closers.length - 1, 0, () => thing.close());
        return thing;
      },
      async close() {
        for (const close of closers.splice(0).reverse()) await close();
      },
    };
    return lab;
  } catch (err) {
    for (const close of closers.splice(0).reverse()) await close();
    throw err;
  }
}

/**
 * One lab for all the tests of a file: started before the first, closed after the last. What a
 * test reads of it is the started lab's (it starts in beforeAll, so only a test can use it).
 */
export function fleetLabForThisFile(options: Parameters<typeof startFleetLab>[0] = {}): FleetLab {
  let started: FleetLab | undefined;
  beforeAll(async () => {
    started = await startFleetLab(options);
  }, 90_000);
  afterAll(async () => started?.close());
  return new Proxy({} as FleetLab, {
    get(_target, key) {
      if (!started) throw new Error('the fleet lab starts before the first test: use it inside a test');
      return Reflect.get(started, key);
    },
  });
}
