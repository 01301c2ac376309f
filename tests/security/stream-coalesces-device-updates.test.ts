import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import type { TcpSimulatorServer } from '../../drivers/sim/tcp-simulator-server.js';
import type { StreamMessage } from '../../appliance/api/api-types.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';
import { openStream, streamUrl } from './stream-clients.js';

const SAMPLES = 2_000;
let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom();
  await waitFor(() => room.demo.appliance.core.devices.get('ceiling-mic').status === 'ok', 8000, 'the ceiling array connected');
});
afterAll(async () => room?.close());

/**
 * 2,000 meter samples in one burst are 2,000 state changes of the array, read a few packets
 * at a time: the room hears one update per read, and a panel gets a few device messages, the
 * last one carrying the array's final levels.
 */
it('sends a burst of device updates read at once as a few messages, ending on the final state', async () => {
  // The simulator is a TCP simulator server underneath: `broadcast` is what the array pushes unasked.
  const mic = room.demo.simulators.get('ceiling-mic') as RunningShureMxaSimulator & TcpSimulatorServer;
  const reader = await openStream(streamUrl(room.baseUrl, room.token));
  const seen = reader.messages;
  await waitFor(() => seen.some((m) => m.type === 'snapshot'), 3000, 'the snapshot');
  const micMessages = () => seen.filter((m): m is Extract<StreamMessage, { type: 'device' }> => m.type === 'device' && m.device.id === 'ceiling-mic');
  const before = micMessages().length;

  const lines = Array.from({ length: SAMPLES }, () => mic.array.sample());
  const final = /< SAMPLE ([\d ]+) >/
    .exec(lines.at(-1)!)![1]!
    .trim()
    .split(' ')
    .map((v) => Number(v) - 60);
  mic.broadcast(lines.join(''));
  await waitFor(
    () =>
      JSON.stringify(micMessages().at(-1)?.device.state.levels) ===
        JSON.stringify(final.slice(0, (micMessages().at(-1)?.device.state.levels as number[] | undefined)?.length ?? 0)) && micMessages().length > before,
    5000,
    'the final levels on the stream',
  );
  const sent = micMessages().length - before;
  expect(sent).toBeGreaterThan(0);
  expect(sent).toBeLessThan(SAMPLES / 20);
  reader.socket!.close();
});

/**
 * The same samples one by one, each in its own packet: every one is a state change the room
 * hears, and a panel still gets only a burst of them and then one per tick, the last one
 * carrying the final levels.
 */
it('holds a device that keeps talking to one message per tick after its burst, ending on the final state', async () => {
  const mic = room.demo.simulators.get('ceiling-mic') as RunningShureMxaSimulator & TcpSimulatorServer;
  const reader = await openStream(streamUrl(room.baseUrl, room.token));
  await waitFor(() => reader.messages.some((m) => m.type === 'snapshot'), 3000, 'the snapshot');
  const micMessages = () =>
    reader.messages.filter((m): m is Extract<StreamMessage, { type: 'device' }> => m.type === 'device' && m.device.id === 'ceiling-mic');
  const before = micMessages().length;
  let events = 0;
  const count = (d: { id: string }) => void (d.id === 'ceiling-mic' && events++);
  room.demo.appliance.core.devices.on('device', count);
  let last = '';
  for (let i = 0; i < 400; i++) {
    last = mic.array.sample();
    mic.broadcast(last);
    await new Promise((r) => setImmediate(r));
  }
  const final = /< SAMPLE ([\d ]+) >/
    .exec(last)![1]!
    .trim()
    .split(' ')
    .map((v) => Number(v) - 60);
  const levelsOf = (m: Extract<StreamMessage, { type: 'device' }> | undefined) => JSON.stringify(m?.device.state.levels);
  await waitFor(
    () => levelsOf(micMessages().at(-1)) === JSON.stringify(final.slice(0, (micMessages().at(-1)?.device.state.levels as number[] | undefined)?.length ?? 0)),
    5000,
    'the final levels on the stream',
  );
  room.demo.appliance.core.devices.off('device', count);
  const sent = micMessages().length - before;
  expect(events).toBeGreaterThan(100);
  expect(sent * 3).toBeLessThan(events);
  reader.socket!.close();
});
