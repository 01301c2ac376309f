/**
 * The help loop across every part: a person calls facilities on the room's panel; facilities
 * see the call in the fleet dashboard and press Acknowledge under their name; the fleet view
 * sends the room the signed command over a real Mosquitto; the room records who saw it and
 * when; the panel shows it, live and after a reload; a call facilities resolve shows as dealt
 * with. Both pages run in Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpRequestView } from '../../appliance/api/api-types.js';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { captureStep, openPanel, SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { TEST_COMMAND_KEY } from '../helpers/telemetry-room.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'help-answered-from-fleet';
const OPERATOR = 'Li Wei (facilities)';
let lab: FleetLab;
let fleet: FleetLab['fleet'];
let room: TestRoom;
let panel: Page;
let dashboard: Page;
const errors: string[] = [];

async function helpCall(id: string): Promise<HelpRequestView> {
  const response = await fetch(`${room.baseUrl}/api/v1/help/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${room.token}` } });
  return (await response.json()) as HelpRequestView;
}

async function callFacilities(reason: string): Promise<string> {
  const before = new Set((await fleet.store.issues()).map((i) => i.id));
  await panel.getByTestId('nav-help').click();
  await panel.getByRole('button', { name: reason, exact: true }).click();
  await panel.getByTestId('call-help').click();
  await panel.locator('[data-testid="help-state"][data-seen="false"]').waitFor();
  const issue = await waitFor(
    async () => (await fleet.store.issues()).find((i) => i.kind === 'help' && !before.has(i.id)),
    10_000,
    'the help call in the fleet',
  );
  return issue.id;
}

describe('help: facilities acknowledge in the fleet view and the room panel shows who saw it', () => {
  beforeAll(async () => {
    lab = await startFleetLab({ commandKey: TEST_COMMAND_KEY });
    fleet = lab.fleet;
    room = lab.closeAtEnd(
      await startTestRoom({
        configure: (config) => {
          config.mqtt = { url: lab.broker.url, protocolVersion: 5, commandKeys: [TEST_COMMAND_KEY] };
        },
      }),
    );
    await waitFor(async () => (await fleet.store.roomSummary('lab', 'demo'))?.online === 'online', 15_000, 'the room online in the fleet');
    const opened = await openPanel(lab.browser, room.baseUrl, room.token);
    panel = opened.page;
    panel.on('pageerror', (e) => errors.push(`panel: ${e.message}`));
    // The operator signs in with their own token: the name the room shows comes from it.
    dashboard = await lab.dashboard({ operator: OPERATOR, viewport: { width: 1280, height: 800 } });
  }, 90_000);

  afterAll(async () => lab?.close());

  it('the call waits on the panel until facilities acknowledge it, then shows who and when — live', async () => {
    const id = await callFacilities('Camera');
    await captureStep(panel, FLOW, '1-waiting');
    expect((await helpCall(id)).acknowledgedAt).toBeNull();

    const issue = dashboard.locator(`fleet-issue-list li[data-issue="${id}"]`);
    await issue.waitFor({ timeout: 10_000 });
    expect(await issue.textContent()).toContain('Camera');
    await issue.locator('button[name="acknowledge"]').click();
    // The room answers the command and the dashboard says the panel shows it.
    await issue.locator('[data-room="seen"]').waitFor({ timeout: 10_000 });
    mkdirSync(join(SCREENSHOT_ROOT, FLOW), { recursive: true });
    await dashboard.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, 'fleet-acknowledged-1280x800.png') });

    const seen = panel.locator('[data-testid="help-state"][data-seen="true"]');
    await seen.filter({ hasText: OPERATOR }).waitFor({ timeout: 10_000 });
    const recorded = await helpCall(id);
    expect(recorded).toMatchObject({ id, acknowledgedBy: OPERATOR });
    expect(recorded.acknowledgedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The time shown is the room's record of the acknowledgement (HH:MM, the room's zone).
    expect(await seen.textContent()).toContain(new Date(recorded.acknowledgedAt!).toISOString().slice(11, 16));
    await captureStep(panel, FLOW, '2-seen');
  });

  it('still shows who saw it after the panel reloads', async () => {
    await panel.reload();
    await panel.getByTestId('room-name').waitFor();
    await panel.getByTestId('nav-help').click();
    await panel.locator('[data-testid="help-state"][data-seen="true"]').filter({ hasText: OPERATOR }).waitFor({ timeout: 10_000 });
  });

  it('tells the room as well when facilities resolve a call without acknowledging it first', async () => {
    await panel.getByRole('button', { name: 'Done' }).click();
    const id = await callFacilities('Audio');
    const issue = dashboard.locator(`fleet-issue-list li[data-issue="${id}"]`);
    await issue.waitFor({ timeout: 10_000 });
    await issue.locator('button[name="resolve"]').click();
    await panel.locator('[data-testid="help-state"][data-seen="true"]').filter({ hasText: OPERATOR }).waitFor({ timeout: 10_000 });
    expect(await helpCall(id)).toMatchObject({ acknowledgedBy: OPERATOR });
    await waitFor(async () => (await fleet.store.issue(id))?.roomResolvedAt, 10_000, 'the fleet to hear the room confirm');
    expect(await fleet.store.issue(id)).toMatchObject({ state: 'resolved', roomError: null, roomSeenAt: expect.any(String) });
    // Resolved in the fleet: the panel no longer says "on the way" but that the call is dealt with.
    await panel.locator('[data-testid="help-state"][data-resolved="true"]').filter({ hasText: OPERATOR }).waitFor({ timeout: 10_000 });
    expect(await helpCall(id)).toMatchObject({ resolvedBy: OPERATOR, resolvedAt: expect.any(String) });
    await captureStep(panel, FLOW, '3-resolved');
    expect([...errors, ...lab.errors]).toEqual([]);
  });
});
