import { expect, it } from 'vitest';
import { defineSimulator } from './define-simulator.js';
import { listenOption, serialPathOption } from './sim-options.js';
import type { RunningSimulator } from './simulator.js';

/** What a simulator's `start` was handed; these simulators open nothing, they only show what they read. */
const nothingRunning: RunningSimulator = { endpoint: {}, close: async () => undefined };
const quirks = [{ name: 'slow-replies', description: 'answers late', source: 'a manual' }];

it("hands `start` each declared option typed by its form, and the declared list is the simulator's only list of names", async () => {
  let seen: unknown;
  const simulator = defineSimulator({
    driver: 'example',
    description: 'reads one option of each form',
    options: [
      listenOption(23),
      serialPathOption('serialPath', 'a PTY end'),
      { name: 'inputs', value: 'N', description: 'its inputs' },
      { name: 'delayMs', value: 'MS', description: 'how long it waits' },
      { name: 'udpPort', value: 'PORT', description: 'its UDP port' },
      { name: 'model', value: 'MODEL', choices: ['small', 'large'], description: 'the model it plays' },
      { name: 'password', value: 'TEXT', description: 'its password' },
    ],
    quirks,
    async start(options) {
      const inputs: number | undefined = options.inputs;
      const delayMs: number | undefined = options.delayMs;
      const udpPort: number | undefined = options.udpPort;
      const model: 'small' | 'large' | undefined = options.model;
      const text: [string?, string?, string?] = [options.listen, options.serialPath, options.password];
      seen = { inputs, delayMs, udpPort, model, text, quirks: options.quirks };
      return nothingRunning;
    },
  });

  await simulator.start({
    listen: ':0',
    serialPath: '/dev/pts/9',
    inputs: '4',
    delayMs: '2.5',
    udpPort: '0',
    model: 'large',
    password: '',
    quirks: ' slow-replies,',
  });
  expect(seen).toEqual({ inputs: 4, delayMs: 2.5, udpPort: 0, model: 'large', text: [':0', '/dev/pts/9', undefined], quirks: ['slow-replies'] });
});

it('refuses a value that does not fit its form, an option it does not declare and a missing required one, each with a coded error', async () => {
  const simulator = defineSimulator({
    driver: 'example',
    description: 'takes a count, a port, milliseconds and a model',
    options: [
      serialPathOption('port', 'the PTY end', true),
      { name: 'inputs', value: 'N', description: 'its inputs' },
      { name: 'udpPort', value: 'PORT', description: 'its UDP port' },
      { name: 'delayMs', value: 'MS', description: 'how long it waits' },
      { name: 'model', value: 'MODEL', choices: ['small', 'large'], description: 'the model it plays' },
    ],
    async start() {
      return nothingRunning;
    },
  });
  const refusal = (message: string) => ({ code: 'ROOMCTL_E_CONFIG_INVALID', message });

  await expect(simulator.start({ port: '/dev/pts/9', inputs: '1.5' })).rejects.toMatchObject(refusal('--inputs must be a whole number 0 or more, got "1.5"'));
  await expect(simulator.start({ port: '/dev/pts/9', udpPort: '70000' })).rejects.toMatchObject(
    refusal('--udpPort must be a port number 0..65535, got "70000"'),
  );
  await expect(simulator.start({ port: '/dev/pts/9', delayMs: 'soon' })).rejects.toMatchObject(
    refusal('--delayMs must be a number of milliseconds 0 or more, got "soon"'),
  );
  await expect(simulator.start({ port: '/dev/pts/9', model: 'huge' })).rejects.toMatchObject(refusal('--model must be one of small, large, got "huge"'));
  await expect(simulator.start({ port: '/dev/pts/9', colour: 'red' })).rejects.toMatchObject(refusal('the example simulator takes no option --colour'));
  await expect(simulator.start({ port: '/dev/pts/9', quirks: 'slow-replies' })).rejects.toMatchObject(
    refusal('the example simulator takes no option --quirks'),
  );
  await expect(simulator.start({ inputs: '2' })).rejects.toMatchObject(refusal('needs --port PATH'));
  await expect(simulator.start({ port: '' })).rejects.toMatchObject(refusal('needs --port PATH'));
  await expect(simulator.start({ port: '/dev/pts/9', inputs: '2' })).resolves.toBe(nothingRunning);
});

it('a simulator reading an option it did not declare does not compile (checked by tsc), and fails the first time it starts', async () => {
  const simulator = defineSimulator({
    driver: 'example',
    description: 'reads an option it never declared',
    options: [listenOption(23)],
    quirks,
    async start(options) {
      // @ts-expect-error --colour is not among the declared options
      if (options.colour === 'red') throw new Error('unreachable: the read above throws');
      return nothingRunning;
    },
  });

  await expect(simulator.start({ listen: ':0' })).rejects.toThrow('the example simulator reads --colour, which its options do not declare');
});
