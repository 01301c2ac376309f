import { expect, it } from 'vitest';
import { DriveLane } from './drive-lane.js';

/** A driver that records what it was handed and answers each command when the test says so. */
function scriptedDriver() {
  const sent: string[] = [];
  const answers: Array<() => void> = [];
  const send = (action: string, params: Record<string, unknown>) => {
    sent.push(`${action} ${JSON.stringify(params)}`);
    return new Promise<unknown>((resolve) => answers.push(() => resolve({ action })));
  };
  return { sent, send, answer: (i: number) => answers[i]!() };
}

/** Lets every promise callback queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

it('an idle lane hands a command to the driver within the call, not a turn of the microtask queue later', () => {
  const lane = new DriveLane();
  const driver = scriptedDriver();

  void lane.run('move', { pan: 0.5 }, driver.send);

  expect(driver.sent).toEqual(['move {"pan":0.5}']);
});

it('what comes after an unanswered move waits for its answer, in the order accepted; a waiting move takes newer speeds', async () => {
  const lane = new DriveLane();
  const driver = scriptedDriver();

  const first = lane.run('move', { pan: 0.5 }, driver.send);
  const home = lane.run('home', {}, driver.send);
  const second = lane.run('move', { pan: -1 }, driver.send);
  const merged = lane.run('move', { tilt: 1 }, driver.send);
  await settle();
  expect(driver.sent).toEqual(['move {"pan":0.5}']);

  driver.answer(0);
  await first;
  await settle();
  expect(driver.sent).toEqual(['move {"pan":0.5}', 'home {}', 'move {"pan":-1,"tilt":1}']);
  expect(merged).toBe(second);
  driver.answer(1);
  driver.answer(2);
  await Promise.all([home, second]);
});

it('a command accepted between an answer and the turn of the commands waiting on it goes after them', async () => {
  const lane = new DriveLane();
  const driver = scriptedDriver();
  const first = lane.run('move', { pan: 0.5 }, driver.send);
  void lane.run('home', {}, driver.send);
  // Runs as soon as the move is answered: before the home's turn has come.
  const stop = first.then(() => lane.run('stop', {}, driver.send));
  await settle();

  driver.answer(0);
  await settle();

  expect(driver.sent).toEqual(['move {"pan":0.5}', 'home {}', 'stop {}']);
  driver.answer(1);
  driver.answer(2);
  await stop;
});

it('a driver that throws at once fails only its own command; the lane goes on', async () => {
  const lane = new DriveLane();
  const driver = scriptedDriver();
  const failing = () => {
    throw new Error('port closed');
  };

  await expect(lane.run('move', { pan: 1 }, failing)).rejects.toThrow('port closed');
  void lane.run('stop', {}, driver.send);
  await settle();

  expect(driver.sent).toEqual(['stop {}']);
});
