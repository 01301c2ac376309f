/**
 * When the Home Assistant discovery set goes out: on connect, a second after Home Assistant's
 * first `online`, and never twice within `republishMinSeconds`; a retained `online` is old news.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { HaDiscoveryPublisher } from './ha-discovery-publisher.js';

const online = Buffer.from('online');
let sent: string[];
let publisher: HaDiscoveryPublisher;

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  publisher = new HaDiscoveryPublisher('ha', 60, (prefix) => sent.push(prefix));
});

afterEach(() => {
  publisher.stop();
  vi.useRealTimers();
});

it('sends the set on connect, under its prefix, and listens on <prefix>/status', () => {
  publisher.connected();
  expect(sent).toEqual(['ha']);
  expect(publisher.statusTopic).toBe('ha/status');
  expect(publisher.republishes).toBe(0);
});

it('answers a burst of `online` once, a second after the first', () => {
  for (let i = 0; i < 50; i++) publisher.heard(online, false);
  vi.advanceTimersByTime(999);
  expect(sent).toEqual([]);
  vi.advanceTimersByTime(1);
  expect(sent).toEqual(['ha']);
  expect(publisher.republishes).toBe(1);
});

it('ignores a retained `online` and any other word', () => {
  publisher.heard(online, true);
  publisher.heard(Buffer.from('offline'), false);
  vi.advanceTimersByTime(120_000);
  expect(sent).toEqual([]);
});

it('sends again no sooner than republishMinSeconds after the last time', () => {
  publisher.heard(online, false);
  vi.advanceTimersByTime(1000);
  publisher.heard(online, false);
  vi.advanceTimersByTime(59_999);
  expect(publisher.republishes).toBe(1);
  vi.advanceTimersByTime(1);
  expect(publisher.republishes).toBe(2);
});

it('sends nothing once stopped', () => {
  publisher.heard(online, false);
  publisher.stop();
  vi.advanceTimersByTime(120_000);
  expect(sent).toEqual([]);
});
