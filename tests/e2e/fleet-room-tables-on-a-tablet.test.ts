/**
 * A room's devices and uptime tables on a tablet (1024×768) in Chinese: Chinese may break between any two
 * characters, and the squeezed table stood the "故障" header one character a line and split
 * the lamp's "1234 小时" from its unit; the devices table broke "前置摄像头" beside a long health line; "信号（7 天）" broke at
 * its space into three lines, and with a signal drawn the table ran past the page's column. Headers, device names, figures and their units keep to one line,
 * and the tables within the column, in both languages (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-room-tables-tablet');
const lab = fleetLabForThisFile();

it('keeps the headers, the device names and each figure with its unit on one line, in Chinese on a tablet', async () => {
  const room = await lab.mqttRoom({
    display: { en: 'Projector', 'zh-CN': '投影机' },
    'cam-front': { en: 'Front camera', 'zh-CN': '前置摄像头' },
    'media-video': { en: 'Room picture', 'zh-CN': '会议室画面' },
  });
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  const at = new Date().toISOString();
  const health = (metrics: Record<string, number>) => JSON.stringify({ status: 'ok', since: at, detail: null, metrics, at });
  await room.publishAsync('roomctl/hq/aurora/devices/display/health', health({ replyMs: 3, lampHours: 1234 }), { qos: 1, retain: true });
  // A long health line beside the camera's name in the devices table squeezes the name's column.
  const long =
    'Serial port /dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10KZ3PQ-if00-port0 does not exist — The serial port does not exist; check the cable or the by-id path.';
  const degraded = JSON.stringify({ status: 'degraded', since: at, detail: long, metrics: { replyMs: 4 }, at });
  await room.publishAsync('roomctl/hq/aurora/devices/cam-front/health', degraded, { qos: 1, retain: true });
  // The room's picture with its frame rate over ten minutes: both of the week's charts are drawn.
  for (const [ago, fps] of [
    [600_000, 25],
    [0, 24],
  ] as const) {
    const sent = new Date(Date.now() - ago).toISOString();
    const picture = JSON.stringify({ status: 'ok', since: at, detail: null, metrics: { analysedFps: fps }, signal: { value: fps, unit: 'fps' }, at: sent });
    await room.publishAsync('roomctl/hq/aurora/devices/media-video/health', picture, { qos: 1, retain: true });
  }
  const page = await lab.dashboard({ viewport: { width: 1024, height: 768 } });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const lamp = page.locator('fleet-room-history tr[data-device-history="display"] td[data-lamp]');
  await until(async () => (await lamp.textContent().catch(() => ''))?.includes('1234 小时'), 10_000, "the projector's lamp hours in the history");
  // How many lines each cell's text takes: the distinct tops of its text's boxes.
  const lines = await page.locator('fleet-room-history').evaluate((host) => {
    const count = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    const cells = [...host.shadowRoot!.querySelectorAll('th, td:first-child, td[data-uptime], td[data-faults], td[data-lamp]')];
    return cells.filter((c) => c.textContent!.trim()).map((c) => ({ text: c.textContent!.trim(), lines: count(c) }));
  });
  expect(lines.length).toBeGreaterThan(10);
  expect(lines.filter((c) => c.lines > 1 && !c.text.includes(' '))).toEqual([]);
  expect(lines.find((c) => c.text.startsWith('1234'))?.lines).toBe(1);
  await page.locator('fleet-room-history svg[data-chart="signal"]').waitFor({ timeout: 10_000 });
  // Every header on one line ("信号（7 天）" stood in three, broken at its space), and every table within the page's column, in both languages.
  for (const language of ['zh-CN', 'en']) {
    await page.locator('select[name="language"]').selectOption(language);
    await until(async () => (await page.locator('fleet-room-history h3').first().innerText()) === (language === 'en' ? 'Uptime' : '可用率'), 5000, language);
    const fit = await page.locator('fleet-room-history').evaluate((host) => {
      const count = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      };
      const box = host.getBoundingClientRect();
      return {
        headers: [...host.shadowRoot!.querySelectorAll('th')].filter((th) => th.textContent!.trim() && count(th) > 1).map((th) => th.textContent!.trim()),
        wider: [...host.shadowRoot!.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > box.right + 0.5).length,
      };
    });
    expect(fit).toEqual({ headers: [], wider: 0 });
  }
  await page.locator('select[name="language"]').selectOption('zh-CN');
  // The devices table above it: each name on one line, however long the health line beside it.
  const names = await page.locator('fleet-room-detail').evaluate((host) =>
    [...host.shadowRoot!.querySelectorAll('tr[data-device] td:first-child')].map((td) => {
      const name = [...td.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
      const range = document.createRange();
      range.selectNodeContents(name);
      return { name: name.textContent!.trim(), lines: new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size };
    }),
  );
  expect(names).toEqual([
    { name: '前置摄像头', lines: 1 },
    { name: '投影机', lines: 1 },
    { name: '会议室画面', lines: 1 },
  ]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'history-1024x768-zh-CN.png'), fullPage: true });
  expect(lab.errors).toEqual([]);
}, 60_000);
