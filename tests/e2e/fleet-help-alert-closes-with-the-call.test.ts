/**
 * The dashboard's "Help requested" alert ends with the call (real Chromium, the built
 * fleet.html, a real Mosquitto, a room appliance): when staff resolve the call on the
 * dashboard, and when the room itself says the call was dealt with. The alert then shows
 * closed, under a resolved one, and the resolution is said once although the room confirms
 * the dashboard's Resolve with its own `help.resolved`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { TEST_COMMAND_KEY, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

describe('the help alert closes with the call', () => {
  let lab: FleetLab;
  let fleet: FleetLab['fleet'];
  let room: TelemetryRoom;
  let page: Page;

  beforeAll(async () => {
    lab = await startFleetLab({ commandKey: TEST_COMMAND_KEY });
    fleet = lab.fleet;
    room = await lab.telemetryRoom();
    await until(async () => (await fleet.store.roomSummary('hq', 'aurora'))?.online === 'online', 10_000, 'the room online in the fleet');
    page = await lab.dashboard({ viewport: { width: 1280, height: 800 } });
  }, 60_000);

  afterAll(async () => lab?.close());

  const alert = (requestId: string, state: 'firing' | 'resolved') => page.locator(`fleet-alert-list li[data-alert="help/${requestId}"][data-state="${state}"]`);
  const resolvedInFeed = async (requestId: string) =>
    (await fleet.alertFeed.recent()).filter((a) => a.key === `help/${requestId}` && a.state === 'resolved').length;

  it('closes when staff resolve the call on the dashboard, and says so once', async () => {
    room.appliance.events.publish({ type: 'help.requested', requestId: 'help-staff', message: 'No sound' });
    await alert('help-staff', 'firing').waitFor({ timeout: 10_000 });
    const issue = page.locator('fleet-issue-list li[data-issue="help-staff"]');
    await issue.locator('button[name="resolve"]').click();
    await alert('help-staff', 'resolved').waitFor({ timeout: 10_000 });
    expect(await alert('help-staff', 'firing').getAttribute('data-closed')).not.toBeNull();
    // The room heard of it and confirmed with its own `help.resolved`…
    await until(async () => (await fleet.store.room('hq', 'aurora'))?.events.some((e) => e.type === 'help.resolved'), 10_000, "the room's confirmation");
    // …and a later call the room resolves itself goes through the same queue after it: once that one is resolved, the confirmation was weighed.
    room.appliance.events.publish({ type: 'help.requested', requestId: 'help-barrier' });
    await alert('help-barrier', 'firing').waitFor({ timeout: 10_000 });
    room.appliance.events.publish({ type: 'help.resolved', requestId: 'help-barrier' });
    await until(async () => (await resolvedInFeed('help-barrier')) === 1, 10_000, 'the later call resolved');
    expect(await resolvedInFeed('help-staff')).toBe(1);
  });

  it('closes when the room says the call was dealt with, and the issue leaves the open list', async () => {
    room.appliance.events.publish({ type: 'help.requested', requestId: 'help-room', message: 'Display' });
    await alert('help-room', 'firing').waitFor({ timeout: 10_000 });
    await page.locator('fleet-issue-list li[data-issue="help-room"]').waitFor({ timeout: 10_000 });
    room.appliance.events.publish({ type: 'help.resolved', requestId: 'help-room', by: 'Front desk' });
    await alert('help-room', 'resolved').waitFor({ timeout: 10_000 });
    expect(await alert('help-room', 'resolved').textContent()).toContain('Front desk dealt with the help call.');
    expect(await alert('help-room', 'firing').getAttribute('data-closed')).not.toBeNull();
    await until(async () => (await page.locator('fleet-issue-list li[data-issue="help-room"]').count()) === 0, 10_000, 'the issue to leave the open list');
    expect(await fleet.store.issue('help-room')).toMatchObject({ state: 'resolved', resolvedBy: 'Front desk' });
    expect(lab.errors).toEqual([]);
  });
});
