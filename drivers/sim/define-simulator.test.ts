import { expect, it } from 'vitest';
import { declaredDefault, defineSimulator, describeDefault } from './define-simulator.js';
import { listenOption, serialPathOption } from './sim-options.js';
import type { RunningSimulator, SimulatorOption } from './simulator.js';

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

it('hands `start` each declared default when the option is not given (under a quirk profile, its own), and help says the same', async () => {
  const seen: unknown[] = [];
  const options = [
    listenOption(4352),
    { name: 'idleTimeoutMs', value: 'MS', description: 'drops a silent connection', quirkDefaults: { 'slow-replies': 30_000 } },
    { name: 'warmupMs', value: 'MS', description: 'how long it warms up', default: 3000, quirkDefaults: { 'slow-replies': 20_000 } },
    { name: 'name', value: 'TEXT', description: 'its name', default: 'Simulated Display' },
  ] as const;
  const simulator = defineSimulator({
    driver: 'example',
    description: 'a display with defaults',
    options,
    quirks,
    async start(given) {
      // Typed filled in: no `?? 3000` here, and a string where the form is text.
      const warmupMs: number = given.warmupMs;
      const name: string = given.name;
      const idleTimeoutMs: number | undefined = given.idleTimeoutMs;
      seen.push({ listen: given.listen, warmupMs, name, idleTimeoutMs });
      return nothingRunning;
    },
  });

  await simulator.start({});
  await simulator.start({ quirks: 'slow-replies', warmupMs: '10', name: '' });
  expect(seen).toEqual([
    { listen: '127.0.0.1:4352', warmupMs: 3000, name: 'Simulated Display', idleTimeoutMs: undefined },
    { listen: '127.0.0.1:4352', warmupMs: 10, name: 'Simulated Display', idleTimeoutMs: 30_000 },
  ]);
  expect(simulator.options.map(describeDefault)).toEqual([
    ' (default 127.0.0.1:4352)',
    ' (default: none; 30000 under slow-replies)',
    ' (default 3000; 20000 under slow-replies)',
    ' (default Simulated Display)',
  ]);
  // What code started without `roomctl sim` takes (tests): the same declared values.
  expect([declaredDefault(options, 'warmupMs'), declaredDefault(options, 'warmupMs', ['slow-replies']), declaredDefault(options, 'idleTimeoutMs')]).toEqual([
    3000,
    20_000,
    undefined,
  ]);
});

it('refuses, when the simulator is defined, a default its option would not take or one under a quirk profile it does not offer', () => {
  const define = (option: SimulatorOption) => () =>
    defineSimulator({ driver: 'example', description: 'one option', options: [option], quirks, start: async () => nothingRunning });
  expect(define({ name: 'delayMs', value: 'MS', description: 'how long it waits', default: -1 })).toThrow(
    "example: --delayMs's default -1 is not a value it takes",
  );
  expect(define({ name: 'model', value: 'MODEL', choices: ['small'], description: 'its model', default: 'huge' })).toThrow(/--model's default "huge"/);
  expect(define({ name: 'delayMs', value: 'MS', description: 'how long it waits', quirkDefaults: { lockout: 5 } })).toThrow(
    'example: --delayMs has a default under lockout, a quirk profile it does not offer',
  );
});

it('answers what JavaScript asks of any object (an await, JSON.stringify, inspection) without calling it an undeclared option', async () => {
  let said = '';
  const simulator = defineSimulator({
    driver: 'example',
    description: 'hands its options to code that awaits and logs them',
    options: [listenOption(23)],
    quirks,
    async start(options) {
      const awaited = await Promise.resolve(options); // reads `then`
      said = `${JSON.stringify(awaited)} ${String(options)} ${Object.keys(options).join(',')}`; // reads `toJSON`, Symbol.toPrimitive, toString
      return nothingRunning;
    },
  });

  await expect(simulator.start({ listen: ':0' })).resolves.toBe(nothingRunning);
  expect(said).toBe('{"listen":":0"} [object Object] listen');
});
