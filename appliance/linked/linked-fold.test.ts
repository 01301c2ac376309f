import { expect, it } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import { effectiveHost, foldLink } from './linked-fold.js';
import { RoomPresence } from './room-presence.js';

const base = (id: string, room: string, at: string) => ({ id, link: 'L', room, at: `2026-04-01T08:00:${at}.000Z` });

it('folds the same records to the same state in any order: the first to start hosts, a hand-over moves it, a check-in counts once', () => {
  const records: LinkRecord[] = [
    { ...base('1', 'sz/lotus', '01'), kind: 'host.set', host: 'sz/lotus', reason: 'started' },
    { ...base('2', 'hq/aurora', '02'), kind: 'host.set', host: 'hq/aurora', reason: 'started' },
    { ...base('3', 'sz/lotus', '03'), kind: 'checkin', person: 'p1', name: 'Wei' },
    { ...base('4', 'sz/lotus', '04'), kind: 'checkin', person: 'p1', name: 'Wei' },
    { ...base('5', 'hq/aurora', '05'), kind: 'agenda.clock', status: 'in_progress', items: [] },
    { ...base('6', 'sz/lotus', '06'), kind: 'host.set', host: 'ny/hudson', reason: 'handover' },
  ];
  const forward = foldLink(records);
  const backward = foldLink([...records].reverse());
  expect(forward.host).toBe('ny/hudson');
  expect(foldLink(records.slice(0, 5)).host).toBe('sz/lotus'); // a later "started" does not take it
  expect(forward.rooms.get('sz/lotus')!.checkIns.size).toBe(1);
  expect(forward.clock?.id).toBe('5');
  expect(JSON.stringify([...backward.rooms.keys()].sort())).toBe(JSON.stringify([...forward.rooms.keys()].sort()));
  expect(backward.host).toBe(forward.host);
});

it('hands the timer to the next online room after a dead host, in sorted order, wrapping round', () => {
  const state = foldLink([
    { ...base('1', 'sz/lotus', '01'), kind: 'links.set', rooms: ['hq/aurora', 'ny/hudson', 'sz/lotus'] },
    { ...base('2', 'sz/lotus', '02'), kind: 'host.set', host: 'sz/lotus', reason: 'organiser' },
  ]);
  expect(effectiveHost(state, () => true)).toBe('sz/lotus');
  expect(effectiveHost(state, (r) => r !== 'sz/lotus')).toBe('hq/aurora');
  expect(effectiveHost(state, (r) => r === 'ny/hudson')).toBe('ny/hudson');
});

it("a fail-over or an organiser's claim counts from a room no links.set named, for itself; a guest room keeps the time while the host is offline without one", () => {
  // Aurora linked Hudson (a guest); Shenzhen holds the invite in its calendar (no room named it).
  const linked: LinkRecord[] = [
    { ...base('1', 'hq/aurora', '01'), kind: 'links.set', rooms: ['hq/aurora', 'ny/hudson'] },
    { ...base('2', 'hq/aurora', '02'), kind: 'host.set', host: 'hq/aurora', reason: 'organiser' },
    { ...base('3', 'sz/lotus', '03'), kind: 'room.joined', name: 'Shenzhen' },
  ];
  const hostAfter = (room: string, host: string, reason: 'failover' | 'organiser') =>
    foldLink([...linked, { ...base('4', room, '04'), kind: 'host.set', host, reason }]).host;
  expect(hostAfter('ny/hudson', 'ny/hudson', 'failover')).toBe('hq/aurora');
  expect(hostAfter('ny/hudson', 'ny/hudson', 'organiser')).toBe('hq/aurora');
  expect(hostAfter('sz/lotus', 'ny/hudson', 'failover')).toBe('hq/aurora');
  expect(hostAfter('sz/lotus', 'sz/thief', 'organiser')).toBe('hq/aurora');
  expect(hostAfter('sz/lotus', 'sz/lotus', 'failover')).toBe('sz/lotus');

  // Aurora goes offline: Hudson, next in line, keeps the time in every room's eyes, and records no fail-over the others would refuse.
  const atHudson = new RoomPresence('ny/hudson');
  atHudson.set('hq/aurora', false);
  const state = foldLink(linked);
  expect(atHudson.hostOf(state)).toBe('ny/hudson');
  expect(atHudson.shouldTakeOver(state)).toBe(false);
  const atLotus = new RoomPresence('sz/lotus');
  atLotus.set('hq/aurora', false);
  expect(atLotus.hostOf(state)).toBe('ny/hudson');
});

it('a room that released its booking left: online, it keeps no time, and the next room does; booked again, it is back', () => {
  const records: LinkRecord[] = [
    { ...base('1', 'sz/lotus', '01'), kind: 'links.set', rooms: ['hq/aurora', 'ny/hudson', 'sz/lotus'] },
    { ...base('2', 'sz/lotus', '02'), kind: 'host.set', host: 'sz/lotus', reason: 'organiser' },
    { ...base('3', 'sz/lotus', '03'), kind: 'channel', channel: 'room.released', record: { id: '3', releasedBy: 'by-hand' } },
  ];
  for (const order of [records, [...records].reverse()]) {
    const state = foldLink(order);
    expect(state.rooms.get('sz/lotus')!.released).toEqual({ by: 'by-hand', at: '2026-04-01T08:00:03.000Z' });
    expect(effectiveHost(state, () => true)).toBe('hq/aurora');
  }
  const back = foldLink([...records, { ...base('4', 'sz/lotus', '04'), kind: 'channel', channel: 'room.released', record: { id: '4', releasedBy: null } }]);
  expect(back.rooms.get('sz/lotus')!.released).toBeNull();
  expect(effectiveHost(back, () => true)).toBe('sz/lotus');
});

it('a check-in its room set aside (its booking moved) counts there no more; said to count again, it counts again, under its first time', () => {
  const setAside = (id: string, at: string, aside: boolean): LinkRecord => ({
    ...base(id, 'sz/lotus', at),
    kind: 'channel',
    channel: 'checkin.set-aside',
    record: { id, person: 'p1', setAside: aside },
  });
  const records: LinkRecord[] = [
    { ...base('1', 'sz/lotus', '01'), kind: 'checkin', person: 'p1', name: 'Wei' },
    { ...base('2', 'sz/lotus', '02'), kind: 'checkin', person: 'p2', name: 'Li' },
    setAside('3', '03', true),
  ];
  for (const order of [records, [...records].reverse()]) {
    const lotus = foldLink(order).rooms.get('sz/lotus')!;
    expect([...lotus.checkIns.keys()]).toEqual(['p2']);
    expect([...lotus.setAside.keys()]).toEqual(['p1']);
  }
  const back = foldLink([...records, setAside('4', '04', false)]).rooms.get('sz/lotus')!;
  expect(back.checkIns.get('p1')).toEqual({ name: 'Wei', at: '2026-04-01T08:00:01.000Z' });
  expect(back.setAside.size).toBe(0);
});

it('records who did each once-only duty: the first by (at, id), whatever order the records came in; other channels are no duty', () => {
  const records: LinkRecord[] = [
    { ...base('1', 'ny/hudson', '01'), kind: 'channel', channel: 'conversation', record: { id: 'h1' } },
    { ...base('2', 'ny/hudson', '02'), kind: 'channel', channel: 'rollcall', record: {} },
    { ...base('3', 'hq/aurora', '03'), kind: 'channel', channel: 'rollcall', record: {} },
    { ...base('4', 'hq/aurora', '04'), kind: 'channel', channel: 'minutes', record: {} },
  ];
  for (const order of [records, [...records].reverse()]) {
    const state = foldLink(order);
    expect(Object.fromEntries(state.done)).toEqual({ rollcall: 'ny/hudson', minutes: 'hq/aurora' });
  }
  expect(foldLink(records.slice(0, 1)).done.size).toBe(0);
});

it('takes the status and times from the latest clock and the items from the latest edit of them, whatever order the records came in', () => {
  const items = (title: string) => [{ title, minutes: 10, startedAt: null, endedAt: null }];
  const records: LinkRecord[] = [
    // Shenzhen edits the items at :02; Aurora moves the clock on at :03 with the items it set at :00.
    {
      ...base('1', 'sz/lotus', '02'),
      kind: 'agenda.clock',
      status: 'in_progress',
      items: items('Edited'),
      itemsAt: '2026-04-01T08:00:02.000Z',
      itemsBy: 'sz/lotus',
    },
    {
      ...base('2', 'hq/aurora', '03'),
      kind: 'agenda.clock',
      status: 'in_progress',
      items: items('Booked'),
      itemsAt: '2026-04-01T08:00:00.000Z',
      itemsBy: 'hq/aurora',
    },
    // A room of an earlier release: its items count as set at its own time, :01.
    { ...base('3', 'ny/hudson', '01'), kind: 'agenda.clock', status: 'in_progress', items: items('Older release') },
  ];
  for (const order of [records, [...records].reverse()]) {
    const state = foldLink(order);
    expect(state.clock?.id).toBe('2');
    expect(state.itemsClock?.id).toBe('1');
  }
  expect(foldLink([records[1]!, records[2]!]).itemsClock?.id).toBe('3');
});

it('folds two edits of the agenda made on the same items, whatever order they came in, to one agenda holding both', () => {
  const item = (id: string, title: string) => ({ id, title, minutes: 10, startedAt: null, endedAt: null });
  const base = [item('a', 'Welcome'), item('b', 'Budget')];
  const clock = (id: string, room: string, at: string, items: ReturnType<typeof item>[], itemsBase?: typeof base) =>
    ({
      ...{ id, link: 'L', room, at: `2026-04-01T08:00:${at}.000Z` },
      kind: 'agenda.clock',
      status: 'in_progress',
      items,
      itemsAt: `2026-04-01T08:00:${at}.000Z`,
      itemsBy: room,
      ...(itemsBase ? { itemsBase: itemsBase.map(({ startedAt: _s, endedAt: _e, ...i }) => i) } : {}),
    }) as LinkRecord;
  const records: LinkRecord[] = [
    clock('1', 'hq/aurora', '01', base),
    // Both rooms edit those items before hearing each other: Aurora adds an item, Shenzhen renames one.
    clock('2', 'hq/aurora', '02', [...base, item('c', 'Hiring')], base),
    clock('3', 'sz/lotus', '02', [item('a', 'Welcome and introductions'), item('b', 'Budget')], base),
  ];
  for (const order of [records, [...records].reverse(), [records[0]!, records[2]!, records[1]!]])
    expect(foldLink(order).items?.map((i) => i.title)).toEqual(['Welcome and introductions', 'Budget', 'Hiring']);
  expect(foldLink(records.slice(0, 2)).items?.map((i) => i.title)).toEqual(['Welcome', 'Budget', 'Hiring']);
});

it('keeps the status and times of a started meeting when a room that had not heard the start sends its booked clock later', () => {
  const running = [{ id: 'a', title: 'Welcome', minutes: 10, startedAt: '2026-04-01T08:00:01.000Z', endedAt: null }];
  const records: LinkRecord[] = [
    { ...base('1', 'hq/aurora', '01'), kind: 'agenda.clock', status: 'in_progress', items: running },
    // Shenzhen's first clock, its agenda as it had it: the meeting booked, nothing run.
    { ...base('2', 'sz/lotus', '02'), kind: 'agenda.clock', status: 'booked', items: [{ ...running[0]!, startedAt: null }] },
  ];
  for (const order of [records, [...records].reverse()]) expect(foldLink(order).clock?.id).toBe('1');
  expect(foldLink([{ ...records[1]!, at: '2026-04-01T08:00:00.000Z' } as LinkRecord, records[0]!]).clock?.id).toBe('1');
});
