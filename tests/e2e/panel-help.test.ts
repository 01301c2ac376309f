/**
 * Someone in the room needs help. The panel calls facilities (a `help.requested` event on the
 * room's bus, which telemetry carries to MQTT) and shows — live — when someone has seen it:
 * facilities answer with the central command `ack-help`, here run through the room's command
 * registry exactly as the MQTT command server runs it after checking its signature.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEventEnvelope } from '../../appliance/model/room-events.js';
import { captureStep } from '../helpers/panel-browser.js';
import { captureFitting } from '../helpers/panel-fit.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'help';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let context: BrowserContext;
const events: RoomEventEnvelope[] = [];

describe('panel: help calls facilities and shows when someone has seen it', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ beforeOpen: (r) => void r.demo.appliance.events.on('event', (e: RoomEventEnvelope) => events.push(e)) });
    ({ room, page, context } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('publishes help.requested with the reason chosen', async () => {
    await page.getByTestId('nav-help').click();
    // The call button whole above the nav bar at every size, also in Chinese (taller lines: it was cut at 800×480).
    await captureFitting(page, FLOW, '1-help', ['call-help']);
    await page.getByRole('button', { name: 'Display', exact: true }).click();
    await page.getByTestId('call-help').click();
    await page.locator('[data-testid="help-state"][data-seen="false"]').waitFor();
    const requested = await waitFor(() => events.find((e) => e.event.type === 'help.requested'), 3_000, 'help.requested');
    expect(requested.event).toMatchObject({ type: 'help.requested', message: 'Display' });
    await captureStep(page, FLOW, '2-called');
  });

  it('shows who is on the way once facilities acknowledge with cmd/ack-help', async () => {
    const requested = events.find((e) => e.event.type === 'help.requested')!.event as { requestId: string };
    await room.demo.appliance.commands.run('ack-help', { requestId: requested.requestId, by: 'Li Wei (facilities)' }, { keyId: 'test' });
    await page.locator('[data-testid="help-state"][data-seen="true"]').filter({ hasText: 'Li Wei (facilities)' }).waitFor({ timeout: 5_000 });
    expect(events.some((e) => e.event.type === 'help.acknowledged')).toBe(true);
    await captureStep(page, FLOW, '3-seen');
  });

  it('shows an acknowledgement that came while the panel was offline, once it is back', async () => {
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('call-help').click();
    await page.locator('[data-testid="help-state"][data-seen="false"]').waitFor();
    const second = await waitFor(() => events.filter((e) => e.event.type === 'help.requested')[1], 3_000, 'the second help.requested');
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await room.demo.appliance.commands.run('ack-help', { requestId: (second.event as { requestId: string }).requestId, by: 'Zhang Min' }, { keyId: 'test' });
    await context.setOffline(false);
    await page.locator('[data-testid="help-state"][data-seen="true"]').filter({ hasText: 'Zhang Min' }).waitFor({ timeout: 10_000 });
  });

  it('puts away a call nobody has seen yet: the next people find the form, not a call waiting for hours', async () => {
    await page.getByTestId('help-done').click();
    await page.getByTestId('call-help').click();
    await page.locator('[data-testid="help-state"][data-seen="false"]').waitFor();
    await page.getByTestId('help-done').click();
    await page.getByTestId('call-help').waitFor();
    // After a reload too: the call put away is not followed again.
    await page.reload();
    await page.getByTestId('room-name').waitFor();
    await page.getByTestId('nav-help').click();
    await page.getByTestId('call-help').waitFor();
  });
});
