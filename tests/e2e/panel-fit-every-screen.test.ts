/**
 * Every primary action visible without scrolling, on every panel size (1280×800, 1024×600,
 * 800×480, 800×1280, 480×800) in both languages, with the hard cases a real room has: a long
 * title, invitees with long names, a ten-item agenda. Measured in real Chromium (the element
 * whole inside the window and every clipping box, nothing over it), not judged by eye.
 * Screenshots: test-artifacts/screenshots/fit/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { captureFitting, overflowing, partsOutside, textOnOneLine, wordsBrokenInside } from '../helpers/panel-fit.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'fit';
const LONG_TITLE = 'Quarterly planning review with the regional facilities, finance and IT teams';
/** Names of 28 characters and more, as some people have. */
const LONG_NAMES = [
  'Maximiliane Ostermann-Schwarzenberg',
  'Bartholomew Fitzgerald-Montgomery',
  'Anne-Sophie Lefebvre-Delacroix',
  'Guðmundur Sigurðarson Hallgrímsson',
];
const AGENDA = Array.from({ length: 10 }, (_, i) => ({
  title: `Item ${i + 1}: ${['Budget for the new rooms', 'Rollout plan and the order of the floors', 'Risks', 'Panel firmware', 'Cameras', 'Displays', 'Help desk figures', 'Training', 'Any other business', 'Next steps'][i]}`,
  minutes: 5 + i,
  owner: i % 2 ? LONG_NAMES[i % 4] : undefined,
}));

let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let page: Page;
let errors: string[];

const send = async (method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(room.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${room.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

// Each step photographs and measures ten screens: longer than the default test timeout.
describe('panel: every primary action fits every panel size, in both languages', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ configure: (c) => (c.devices[0]!.name = 'Front camera above the whiteboard') });
    ({ room, browser, page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('fits the door view: the three book-now buttons', async () => {
    await page.locator('[data-testid="room-status"][data-state="free"]').waitFor();
    // Booking buttons come with the room's live stream, which connects after the first render.
    await page.getByTestId('book-15').waitFor();
    await captureFitting(page, FLOW, '1-door', ['book-15', 'book-30', 'book-60', 'nav-help']);
  });

  it('fits check-in with a long title and long names: start, the walk-in field and every name uncut', async () => {
    const booked = await send('POST', '/api/v1/bookings', {
      minutes: 60,
      title: LONG_TITLE,
      attendees: LONG_NAMES.map((name, i) => ({ name, email: `p${i}@example.com` })),
      agenda: AGENDA,
    });
    expect(booked.status).toBe(201);
    await page.getByTestId('checkin-title').waitFor();
    await captureFitting(page, FLOW, '2-checkin', ['start-meeting', 'walkin-checkin', 'release'], {
      more: async () => [
        ...(await partsOutside(page, '[data-testid="person"]', '.who')).map((o) => `name spills out: ${o}`),
        // Names beyond the first row scroll in their box at 800×480: the heading says how many there are.
        ...((await page.getByTestId('people-heading').textContent())?.endsWith(`(${LONG_NAMES.length})`) ? [] : ['the list does not say how many are invited']),
      ],
    });
  });

  it('fits the meeting with a ten-item agenda: end, extend, next item, the current item and the quick presets', async () => {
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('time-left').waitFor();
    await captureFitting(
      page,
      FLOW,
      '3-meeting',
      ['end-meeting', 'extend-15', 'extend-30', 'agenda-next', 'agenda-current', 'preset-1', 'preset-4', 'room-mute', 'nav-controls'],
      {
        more: async () => [
          ...(await partsOutside(page, '.tile', '.thumb')).map((o) => `thumbnail overflows: ${o}`),
          ...(await wordsBrokenInside(page, '.tile .name')).map((w) => `preset name broken inside a word: ${w}`),
          // Minutes, the floor and the quick controls say what they do in whole words, never "Notes, decis…".
          ...(await overflowing(page, '.more button, .more button > span, .grid button')).map((o) => `words cut off: ${o}`),
        ],
      },
    );
    // After a few items the current one has scrolled into the list's view.
    for (let i = 0; i < 6; i++) expect((await send('POST', `/api/v1/meetings/${await currentId()}/agenda/next`)).status).toBe(200);
    await waitFor(async () => (await page.getByTestId('agenda-current').textContent())?.includes('Item 7'), 3_000, 'item 7 current');
    await captureFitting(page, FLOW, '3b-meeting-item-7', ['end-meeting', 'agenda-next', 'agenda-current']);
  });

  it('fits the camera: the whole joystick, zoom in and out, and every preset tile with its picture inside', async () => {
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('joystick').waitFor();
    await captureFitting(page, FLOW, '4-camera', ['joystick', 'zoom-in', 'zoom-out', 'preset-1', 'preset-2', 'preset-3', 'preset-4'], {
      more: async () => [
        ...(await partsOutside(page, '.tile', '.thumb')).map((o) => `thumbnail overflows: ${o}`),
        ...(await overflowing(page, '.chips button')).map((o) => `camera name spills out: ${o}`),
        ...(await wordsBrokenInside(page, '.tile .name')).map((w) => `preset name broken inside a word: ${w}`),
      ],
    });
    expect(errors).toEqual([]);
  });

  it("keeps the phone page's language button on one line", async () => {
    const access = (await (await send('GET', `/api/v1/meetings/${await currentId()}/access`)).json()) as { url: string; code: string };
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${room.baseUrl}${new URL(access.url).pathname}?code=${access.code}`);
    await phonePage.getByTestId('phone-title').waitFor();
    expect(await textOnOneLine(phonePage, 'language')).toBe(true);
    await phonePage.getByTestId('language').click();
    await phonePage.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await textOnOneLine(phonePage, 'language')).toBe(true);
    await phone.close();
  });
});

async function currentId(): Promise<string> {
  const meetings = (await (await send('GET', '/api/v1/meetings')).json()) as { id: string; status: string }[];
  return meetings.find((m) => m.status === 'in_progress' || m.status === 'booked')!.id;
}
