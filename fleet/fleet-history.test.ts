/**
 * Trends from what the fleet stored: metrics sampled at most once per interval, the lamp's
 * replace-by date from its pace, the devices that fail most, the rooms with most issues per
 * site, and CSV a spreadsheet opens safely. Problem reports keep the rating and the words.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceSampler } from './device-sampler.js';
import { FleetHistory, lampForecast } from './fleet-history.js';
import type { FleetSql } from './fleet-sql.js';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';
import { FleetStore } from './fleet-store.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  let db: TestFleetDatabase;
  let sql: FleetSql;

  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
    sql = db.sql;
  });
  afterEach(async () => {
    await db.close();
  });

  const fault = (room: string, device: string, startMin: number, endMin: number | null) =>
    sql.run('INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      `${room}-${device}-${startMin}`,
      `i-${room}`,
      'hq',
      room,
      device,
      'offline',
      '=HYPERLINK("x")',
      T0 + startMin * 60_000,
      endMin === null ? null : T0 + endMin * 60_000,
    ]);

  it('samples reply time and lamp hours at most once per interval, and forecasts the lamp from its pace', async () => {
    const sampler = new DeviceSampler(sql, 60 * 60_000);
    for (let h = 0; h < 72; h++) {
      // Ten heartbeats an hour, 12 lamp hours a day.
      for (let i = 0; i < 10; i++)
        await sampler.observe([
          { site: 'hq', room: 'aurora', deviceId: 'projector', at: T0 + h * 3_600_000 + i * 360_000, metrics: { replyMs: 10 + i, lampHours: 2000 + h / 2 } },
        ]);
    }
    await sql.run("INSERT INTO fleet_devices (site, room, device_id, status, received_at) VALUES ('hq', 'aurora', 'projector', 'ok', 0)");
    const history = await new FleetHistory(sql, { lampRatedHours: 3000 }).room('hq', 'aurora', T0 + 3 * DAY);
    const projector = history.devices[0]!;
    expect(projector.replyMs).toHaveLength(72);
    expect(projector.lamp).toMatchObject({ hours: 2035.5, ratedHours: 3000 });
    expect(projector.lamp!.perDay).toBeCloseTo(12, 6);
    // 964.5 hours left at 12 a day: about 80 days after the last sample.
    expect(Date.parse(projector.lamp!.replaceBy!)).toBeCloseTo(T0 + 71 * 3_600_000 + (964.5 / 12) * DAY, -3);
    expect(lampForecast([{ at: T0, hours: 3100 }], 3000, T0 + 5)).toMatchObject({ replaceBy: new Date(T0 + 5).toISOString() });
  });

  it("samples a device's signal with its unit and serves a week of it; a device that reports none has none", async () => {
    const sampler = new DeviceSampler(sql, 60 * 60_000);
    for (let h = 0; h < 10 * 24; h += 6) {
      // The camera's frame rate, every heartbeat; it dropped to 2 fps on day 9. The display reports a reply time only.
      const fps = h >= 9 * 24 ? 2 : 25;
      await sampler.observe([
        { site: 'hq', room: 'aurora', deviceId: 'media-video', at: T0 + h * 3_600_000, metrics: { analysedFps: fps }, signal: { value: fps, unit: 'fps' } },
        { site: 'hq', room: 'aurora', deviceId: 'display', at: T0 + h * 3_600_000, metrics: { replyMs: 9 } },
      ]);
    }
    for (const id of ['media-video', 'display'])
      await sql.run("INSERT INTO fleet_devices (site, room, device_id, status, received_at) VALUES ('hq', 'aurora', ?, 'ok', 0)", [id]);
    const history = await new FleetHistory(sql).room('hq', 'aurora', T0 + 10 * DAY);
    const camera = history.devices.find((d) => d.deviceId === 'media-video')!;
    // Seven days back from day 10: from day 3 on, every 6 hours.
    expect(camera.signal?.unit).toBe('fps');
    expect(camera.signal?.points).toHaveLength(7 * 4);
    expect(camera.signal?.points.at(0)).toEqual({ at: T0 + 3 * DAY, value: 25 });
    expect(camera.signal?.points.at(-1)).toEqual({ at: T0 + 10 * DAY - 6 * 3_600_000, value: 2 });
    expect(history.devices.find((d) => d.deviceId === 'display')).toMatchObject({ signal: null });
  });

  it('ranks the devices that fail most, and per site the rooms with most issues', async () => {
    for (const m of [0, 10, 20]) await fault('aurora', 'cam', m, m + 1);
    await fault('borealis', 'display', 5, null);
    const store = await FleetStore.open(sql);
    for (const [id, room] of [
      ['a', 'aurora'],
      ['b', 'aurora'],
      ['c', 'borealis'],
    ] as const) {
      await sql.run("INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at) VALUES (?, 'help', 'hq', ?, 'x', ?)", [
        id,
        room,
        new Date(T0).toISOString(),
      ]);
    }
    // The display's fault has its issue, which keeps the device's names from the room's config.
    await sql.run(
      "INSERT INTO fleet_issues (id, kind, site, room, device_id, device_names, summary, opened_at) VALUES ('i-borealis', 'device', 'hq', 'borealis', 'display', ?, 'x', ?)",
      [
        JSON.stringify({ en: 'Projector', 'zh-CN': '投影机' }),
        // Opened long before the month the busiest rooms count.
        new Date(T0 - 40 * DAY).toISOString(),
      ],
    );
    const history = new FleetHistory(sql);
    expect(await history.flappers(T0 + DAY)).toEqual([
      { site: 'hq', room: 'aurora', deviceId: 'cam', deviceNames: null, faults: 3 },
      { site: 'hq', room: 'borealis', deviceId: 'display', deviceNames: { en: 'Projector', 'zh-CN': '投影机' }, faults: 1 },
    ]);
    expect(await history.busiestRooms(T0 + DAY)).toEqual([
      {
        site: 'hq',
        rooms: [
          { room: 'aurora', issues: 2 },
          { room: 'borealis', issues: 1 },
        ],
      },
    ]);
    // The three help calls and the display's fault.
    expect(await store.issues()).toHaveLength(4);
  });

  it('exports faults as CSV with durations, a formula in a detail defused, the device by its name and the fault by its code', async () => {
    await fault('aurora', 'cam', 0, 90);
    await sql.run(
      "INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, started_at, ended_at) VALUES ('d1', 'i-gone', 'hq', 'aurora', 'display', 'offline', NULL, ?, ?)",
      [T0 + 100 * 60_000, T0 + 110 * 60_000],
    );
    await sql.run('UPDATE fleet_device_faults SET error_code = ? WHERE device_id = ?', ['ROOMCTL_E_DEVICE_TIMEOUT', 'cam']);
    // The camera's issue keeps its names from the room's config; the display's fault has no issue row (its names unknown).
    await sql.run(
      "INSERT INTO fleet_issues (id, kind, site, room, device_id, device_names, summary, opened_at) VALUES ('i-aurora', 'device', 'hq', 'aurora', 'cam', ?, 'x', ?)",
      [JSON.stringify({ en: 'Front camera', 'zh-CN': '前置摄像头' }), new Date(T0).toISOString()],
    );
    // The room told its zone (its retained state): each time also on the room's wall clock.
    await sql.run("INSERT INTO fleet_rooms (site, room, updated_at, timezone) VALUES ('hq', 'aurora', 0, 'Asia/Shanghai')");
    let csv = '';
    const exported = await new FleetHistory(sql).faultsCsv({ site: 'hq', room: 'aurora' }, T0 + DAY);
    expect(exported.more).toBe(false);
    for await (const chunk of exported.lines) csv += chunk;
    const [head, ...rows] = csv.trim().split('\r\n');
    expect(head).toBe('site,room,device,status,started,ended,duration_s,detail,issue,device_name,code,timezone,started_local,ended_local,ended_by');
    // Newest first.
    expect(rows).toEqual([
      'hq,aurora,display,offline,2026-03-01T01:40:00.000Z,2026-03-01T01:50:00.000Z,600,,i-gone,,,Asia/Shanghai,2026-03-01 09:40:00,2026-03-01 09:50:00,',
      `hq,aurora,cam,offline,2026-03-01T00:00:00.000Z,2026-03-01T01:30:00.000Z,5400,"'=HYPERLINK(""x"")",i-aurora,Front camera,ROOMCTL_E_DEVICE_TIMEOUT,Asia/Shanghai,2026-03-01 08:00:00,2026-03-01 09:30:00,`,
    ]);
  });

  it('keeps the rating and the words of a problem report on its issue', async () => {
    const store = await FleetStore.open(sql);
    await store.apply([
      {
        kind: 'event',
        site: 'hq',
        room: 'aurora',
        event: {
          id: 'e1',
          at: new Date(T0).toISOString(),
          type: 'problem.reported',
          deviceId: null,
          body: { reportId: 'r1', categories: ['Audio'], rating: 2, comment: 'Echo on the far end' },
        },
      },
    ]);
    expect(await store.issue('r1')).toMatchObject({ kind: 'problem', rating: 2, comment: 'Echo on the far end', summary: 'Audio: Echo on the far end' });
  });
});
