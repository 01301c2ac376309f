/**
 * A meeting linked across two rooms, on the panel: the organiser links Shenzhen to Aurora's
 * meeting from Aurora's panel (the rooms on the broker are offered); Aurora's panel lists both
 * rooms — which keeps the time, how many are checked in in each, and that Shenzhen's display
 * is offline — and Shenzhen's panel shows Aurora keeping the time, until Aurora hands it over
 * (Shenzhen, brought in by the invitation, neither takes the time nor gives it while Aurora keeps
 * it; once it keeps it, it may hand it on).
 * Then Shenzhen frees its booking of the next meeting: Aurora's panel shows Shenzhen left, and
 * each room keeps its own booking.
 * Every panel size, both languages, everything in view.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoAcl } from '../../provisioning/install/mqtt-identity.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { captureFitting } from '../helpers/panel-fit.js';
import { buildPanelIfStale, launchChromium, openPanel, setLanguage } from '../helpers/panel-browser.js';
import { startTelemetryRoom, type TelemetryRoom, callRoom as call, linkHears } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const FLOW = 'linked-rooms';
const AURORA = { username: 'roomctl-hq-aurora', password: 'aurora-broker-password' };
const LOTUS = { username: 'roomctl-sz-lotus', password: 'lotus-broker-password' };
let broker: RunningMosquitto;
let aurora: TelemetryRoom;
let lotus: TelemetryRoom;
let browser: Browser;

type Rooms = { name: string; host: boolean; present: number; health: { problems: string[] } }[];
const roomsAt = async (room: TelemetryRoom): Promise<Rooms> =>
  ((await call(room, 'GET', '/api/v1/meetings')).body as unknown as { rooms: Rooms }[])[0]?.rooms ?? [];

describe('panel: the rooms of a linked meeting', () => {
  beforeAll(async () => {
    buildPanelIfStale();
    broker = await startMosquitto({
      users: [AURORA, LOTUS],
      acl: [mosquittoAcl(AURORA.username, 'hq', 'aurora'), mosquittoAcl(LOTUS.username, 'sz', 'lotus')].join('\n'),
    });
    aurora = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5, ...AURORA } });
    // Shenzhen takes invitations from Aurora, a room of another site (by default only its own site's).
    lotus = await startTelemetryRoom({
      mqtt: { url: broker.url, protocolVersion: 5, ...LOTUS },
      room: { id: 'lotus', name: 'Shenzhen', site: 'sz' },
      meetings: { links: { acceptFrom: ['hq/aurora'] } },
    });
    await linkHears(lotus, 'hq/aurora'); // an invitation sent before Shenzhen listens is lost
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await aurora?.close();
    await lotus?.close();
    await broker?.close();
  });

  it('the organiser links Shenzhen from the panel; both panels show the two rooms, who keeps the time and what is wrong where; the time is handed over', async () => {
    const booked = await call(aurora, 'POST', '/api/v1/bookings', { minutes: 30, title: 'Cross-site review' });
    const id = String(booked.body.id);
    // The API refuses what cannot be a room, with a code.
    expect((await call(aurora, 'POST', `/api/v1/meetings/${id}/links`, { rooms: ['sz/nope/x'] })).body.code).toBe('ROOMCTL_E_BAD_REQUEST');
    expect((await call(aurora, 'POST', `/api/v1/meetings/${id}/links`, { rooms: ['hq/aurora'] })).body.code).toBe('ROOMCTL_E_LINK_ROOM');
    expect((await call(aurora, 'POST', `/api/v1/meetings/${id}/links`, { rooms: ['sz/lotus'], extra: 1 })).body.code).toBe('ROOMCTL_E_BAD_REQUEST');
    await call(aurora, 'POST', `/api/v1/meetings/${id}/checkins`, { name: 'Ann', walkIn: true });
    expect((await call(aurora, 'POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);

    // On Aurora's panel: Rooms → Shenzhen, as seen on the broker.
    const { page, errors } = await openPanel(browser, aurora.appliance.url, aurora.config.api.tokens[0]!);
    await page.getByTestId('link-rooms').click();
    await page.locator('[data-testid="link-room"][data-room="sz/lotus"]').click();
    // Shenzhen was invited: it holds the meeting, started with Aurora.
    const there = await until(
      async () => ((await call(lotus, 'GET', '/api/v1/meetings')).body as unknown as { id: string; status: string }[]).find((m) => m.status === 'in_progress'),
      15_000,
      'Shenzhen to hold the meeting',
    );
    await call(lotus, 'POST', `/api/v1/meetings/${there.id}/checkins`, { name: 'Wei', walkIn: true });
    await call(lotus, 'POST', `/api/v1/meetings/${there.id}/checkins`, { name: 'Li', walkIn: true });
    await lotus.display.close(); // Shenzhen's display stops answering
    await until(
      async () => (await roomsAt(aurora)).find((r) => r.name === 'Shenzhen' && r.present === 2 && r.health.problems.includes('display offline')),
      20_000,
      'Aurora to see Shenzhen: 2 present, display offline',
    );

    const chips = page.getByTestId('linked-room');
    await until(async () => (await chips.count()) === 2, 10_000, 'the two rooms on the panel');
    const shenzhen = page.locator('[data-testid="linked-room"][data-room="sz/lotus"]');
    await until(async () => /2 present/.test((await shenzhen.textContent()) ?? ''), 10_000, 'Shenzhen with its two people');
    expect(await shenzhen.textContent()).toMatch(/Shenzhen\s+2 present\s+Display offline/);
    expect(await page.locator('[data-testid="linked-room"][data-room="hq/aurora"]').textContent()).toMatch(/Aurora\s+keeps the time\s+1 present/);
    await captureFitting(page, FLOW, 'host-panel', ['linked-rooms', 'link-rooms', 'time-left', 'end-meeting']);
    await setLanguage(page, 'zh-CN');
    expect(await shenzhen.textContent()).toMatch(/2 人已签到\s+显示屏离线/);
    await setLanguage(page, 'en');

    const follower = await openPanel(browser, lotus.appliance.url, lotus.config.api.tokens[0]!);
    const host = follower.page.locator('[data-testid="linked-room"][data-room="hq/aurora"]');
    await host.waitFor({ timeout: 10_000 });
    expect(await host.textContent()).toContain('keeps the time');
    await captureFitting(follower.page, FLOW, 'follower-panel', ['linked-rooms', 'time-left', 'end-meeting']);
    // Aurora's invitation brought Shenzhen in: its Rooms dialog links no room, and while Aurora keeps the time it hands
    // the time to no room, itself included (only the organiser's room gives or takes it) — it says so where the choice would be.
    const roomsDialog = (p: typeof page) => ({
      open: () => p.getByTestId('link-rooms').click(),
      close: () => p.getByTestId('rooms-close').click(),
    });
    await roomsDialog(follower.page).open();
    await follower.page.getByTestId('links-from-organiser').waitFor({ timeout: 10_000 });
    expect(await follower.page.locator('[data-testid="link-room"]').count()).toBe(0);
    expect(await follower.page.locator('[data-testid="hand-over"]').count()).toBe(0);
    expect(await follower.page.getByTestId('time-from-organiser').textContent()).toContain("Only the organiser's room gives or takes the time");
    await captureFitting(follower.page, FLOW, 'follower-rooms', ['links-from-organiser', 'time-from-organiser', 'rooms-close'], {
      modal: roomsDialog(follower.page),
    });
    await roomsDialog(follower.page).close();
    // Its API refuses the same: taking the time, or giving it while Aurora keeps it.
    for (const room of ['sz/lotus', 'hq/aurora'])
      expect((await call(lotus, 'POST', `/api/v1/meetings/${there.id}/host`, { room })).body.code).toBe('ROOMCTL_E_LINK_NOT_ORGANISER');

    // Aurora hands the time to Shenzhen from its panel; both panels say so.
    await page.getByTestId('link-rooms').click();
    await page.locator('[data-testid="hand-over"][data-room="sz/lotus"]').click();
    await until(
      async () => /keeps the time/.test((await follower.page.locator('[data-testid="linked-room"][data-room="sz/lotus"]').textContent()) ?? ''),
      10_000,
      'Shenzhen to keep the time on its panel',
    );
    await until(async () => /keeps the time/.test((await shenzhen.textContent()) ?? ''), 10_000, 'Aurora to show Shenzhen keeping the time');
    // Keeping the time, Shenzhen may hand it on: its Rooms dialog offers Aurora.
    await roomsDialog(follower.page).open();
    await follower.page.locator('[data-testid="hand-over"][data-room="hq/aurora"]').waitFor({ timeout: 10_000 });
    expect(await follower.page.getByTestId('time-from-organiser').count()).toBe(0);
    await captureFitting(follower.page, FLOW, 'follower-keeps-the-time-rooms', ['hand-over', 'rooms-close'], { modal: roomsDialog(follower.page) });
    await roomsDialog(follower.page).close();
    expect(errors).toEqual([]);
    expect(follower.errors).toEqual([]);
  }, 180_000);

  it("Shenzhen frees its booking of the next meeting: Aurora's panel shows it left, Aurora's meeting runs on, Shenzhen's stays released", async () => {
    const running = ((await call(aurora, 'GET', '/api/v1/meetings')).body as unknown as { id: string; status: string }[]).find(
      (m) => m.status === 'in_progress',
    );
    if (running) expect((await call(aurora, 'POST', `/api/v1/meetings/${running.id}/end`)).status).toBe(200);
    const booked = await call(aurora, 'POST', '/api/v1/bookings', { minutes: 15, title: 'Stand-up' });
    const id = String(booked.body.id);
    expect((await call(aurora, 'POST', `/api/v1/meetings/${id}/links`, { rooms: ['sz/lotus'] })).status).toBe(200);
    type StandUp = { id: string; title: string; status: string; releasedBy: string | null; rooms: { name: string; released: { by: string } | null }[] };
    const standUpIn = async (room: TelemetryRoom) =>
      ((await call(room, 'GET', '/api/v1/meetings')).body as unknown as StandUp[]).find((m) => m.title === 'Stand-up');
    const there = await until(() => standUpIn(lotus), 15_000, 'Shenzhen to hold the stand-up');
    // Nobody is coming to Shenzhen: freed there by hand, its check-in being open.
    expect((await call(lotus, 'POST', `/api/v1/meetings/${there.id}/release`)).body).toMatchObject({ status: 'released', releasedBy: 'by-hand' });
    await until(
      async () => (await standUpIn(aurora))?.rooms.find((r) => r.name === 'Shenzhen' && r.released?.by === 'by-hand'),
      15_000,
      'Aurora to see Shenzhen left',
    );
    expect((await standUpIn(aurora))?.status).toBe('booked');

    await call(aurora, 'POST', `/api/v1/meetings/${id}/checkins`, { name: 'Ann', walkIn: true });
    expect((await call(aurora, 'POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);
    const { page, errors } = await openPanel(browser, aurora.appliance.url, aurora.config.api.tokens[0]!);
    const shenzhen = page.locator('[data-testid="linked-room"][data-room="sz/lotus"]');
    await shenzhen.waitFor({ timeout: 10_000 });
    expect(await shenzhen.textContent()).toMatch(/Shenzhen\s+left: freed by hand/);
    await setLanguage(page, 'zh-CN');
    expect(await shenzhen.textContent()).toContain('已退出：已手动释放');
    await setLanguage(page, 'en');
    await captureFitting(page, FLOW, 'room-left', ['linked-rooms', 'time-left', 'end-meeting']);
    expect(await standUpIn(lotus)).toMatchObject({ status: 'released', releasedBy: 'by-hand' });
    expect(errors).toEqual([]);
  }, 60_000);
});
