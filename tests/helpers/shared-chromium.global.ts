/**
 * One headless Chromium for the whole scenario run, which each test file's `launchChromium`
 * connects to instead of starting its own (a start costs most of a second of CPU; a connection,
 * a few milliseconds). Each connection still gets its own contexts, closed when it closes.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserServer } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SHARED_CHROMIUM_ENV } from './panel-browser.js';

let server: BrowserServer | undefined;

export async function setup(): Promise<void> {
  // Without Debian's Chromium each file's own launch says what is missing.
  if (!existsSync(CHROMIUM_PATH)) return;
  server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Test workers start after this and inherit it.
  process.env[SHARED_CHROMIUM_ENV] = server.wsEndpoint();
}

export async function teardown(): Promise<void> {
  delete process.env[SHARED_CHROMIUM_ENV];
  await server?.close();
}
