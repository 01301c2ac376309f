/**
 * A help call lives in the room, not in the panel that placed it: one placed through the
 * room's API (or on another panel) shows on a panel opened afterwards, waiting and then with
 * who answered it from the fleet, in either language. A call dealt with does not come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpRequestView } from '../../appliance/api/api-types.js';
import { openPanel, setLanguage } from '../helpers/panel-browser.js';
import { startBrowserRoom, type BrowserRoom } from '../helpers/panel-room.js';

let opened: BrowserRoom | undefined;

async function callFacilitiesThroughTheApi(message: string): Promise<HelpRequestView> {
  const { room } = opened!;
  const response = await fetch(`${room.baseUrl}/api/v1/help`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as HelpRequestView;
}

/** A fresh panel (its own storage: it never placed a call) on its help screen, in `locale`. */
async function freshPanelOnHelp(locale: 'en' | 'zh-CN') {
  const panel = await openPanel(opened!.browser, opened!.room.baseUrl, opened!.room.token);
  await setLanguage(panel.page, locale);
  await panel.page.getByTestId('nav-help').click();
  return panel;
}

describe('panel: an open help call placed elsewhere shows on a panel opened afterwards', () => {
  beforeAll(async () => {
    opened = await startBrowserRoom();
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the call waiting, in English and in Chinese, and on a panel already open as it is placed', async () => {
    const openBefore = await freshPanelOnHelp('en');
    await openBefore.page.getByTestId('call-help').waitFor();
    await callFacilitiesThroughTheApi('Display');
    await openBefore.page.locator('[data-testid="help-state"][data-seen="false"]').waitFor({ timeout: 10_000 });
    const english = await freshPanelOnHelp('en');
    await english.page
      .locator('[data-testid="help-state"][data-seen="false"]')
      .filter({ hasText: 'Waiting for someone to see it' })
      .waitFor({ timeout: 10_000 });
    const chinese = await freshPanelOnHelp('zh-CN');
    await chinese.page.locator('[data-testid="help-state"][data-seen="false"]').filter({ hasText: '等待有人响应' }).waitFor({ timeout: 10_000 });
    expect([...openBefore.errors, ...english.errors, ...chinese.errors]).toEqual([]);
  });

  it('shows who answered it from the fleet, in English and in Chinese', async () => {
    const [call] = (await (
      await fetch(`${opened!.room.baseUrl}/api/v1/help`, { headers: { authorization: `Bearer ${opened!.room.token}` } })
    ).json()) as HelpRequestView[];
    await opened!.room.demo.appliance.commands.run('ack-help', { requestId: call!.id, by: 'Li Wei (facilities)' }, { keyId: 'test' });
    const english = await freshPanelOnHelp('en');
    await english.page
      .locator('[data-testid="help-state"][data-seen="true"]')
      .filter({ hasText: 'Li Wei (facilities) has seen your call' })
      .waitFor({ timeout: 10_000 });
    const chinese = await freshPanelOnHelp('zh-CN');
    await chinese.page
      .locator('[data-testid="help-state"][data-seen="true"]')
      .filter({ hasText: 'Li Wei (facilities)已收到您的呼叫' })
      .waitFor({ timeout: 10_000 });
  });

  it('does not bring back a call facilities have dealt with: a fresh panel offers the form', async () => {
    const [call] = (await (
      await fetch(`${opened!.room.baseUrl}/api/v1/help`, { headers: { authorization: `Bearer ${opened!.room.token}` } })
    ).json()) as HelpRequestView[];
    await opened!.room.demo.appliance.commands.run('resolve-help', { requestId: call!.id, by: 'Li Wei (facilities)' }, { keyId: 'test' });
    const panel = await freshPanelOnHelp('en');
    await panel.page.getByTestId('call-help').waitFor({ timeout: 10_000 });
    expect(await panel.page.getByTestId('help-state').count()).toBe(0);
  });
});
