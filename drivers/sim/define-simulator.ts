import { RoomctlError } from '../core/errors.js';
import type { QuirkProfile, RunningSimulator, SimulatorDefinition, SimulatorOption } from './simulator.js';

/**
 * The value forms read as numbers, and how each is checked; every other form (`PATH`,
 * `HOST:PORT`, `NAME`, `TEXT`…) is read as text. The types `start` receives are derived from the
 * same table, so a form cannot be parsed one way and typed another.
 */
const NUMBER_FORMS = {
  /** A count or an id: a whole number. */
  N: { fits: (n: number) => Number.isInteger(n) && n >= 0, expected: 'a whole number 0 or more' },
  /** Milliseconds. */
  MS: { fits: (n: number) => Number.isFinite(n) && n >= 0, expected: 'a number of milliseconds 0 or more' },
  /** A TCP or UDP port; 0 picks a free one. */
  PORT: { fits: (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535, expected: 'a port number 0..65535' },
} as const;

type NumberForm = keyof typeof NUMBER_FORMS;

/** What `start` receives for one declared option: one of its `choices`, a number for a number form, else the text. */
type OptionValue<O extends SimulatorOption> = O extends { choices: readonly (infer C)[] } ? C : O['value'] extends NumberForm ? number : string;

/** Always there for `start`: a required option, or one with a default (filled in when not given). */
type AlwaysGiven<O extends SimulatorOption> = O extends { required: true } ? true : O extends { default: string | number } ? true : false;

/**
 * A simulator's options as its `start` receives them, derived from its declared list: a required
 * option or one with a `default` is always there (the default filled in), any other may be
 * absent. An option the list does not declare is not in the type, so reading one does not compile.
 */
type SimulatorOptionValues<Options extends readonly SimulatorOption[]> = {
  [O in Options[number] as AlwaysGiven<O> extends true ? O['name'] : never]: OptionValue<O>;
} & {
  [O in Options[number] as AlwaysGiven<O> extends true ? never : O['name']]?: OptionValue<O>;
} & {
  /** The quirk profiles asked for (`--quirks a,b`), which the simulator checks against its own list. */
  quirks?: string[];
};

/** What one option is when not given: its default under the first played quirk profile that has one, else its `default`. */
type DefaultOf<O extends SimulatorOption> = O extends { default: string | number } ? OptionValue<O> : OptionValue<O> | undefined;

/**
 * The declared default of option `name` (under the quirk profiles played): what `start` is handed
 * and help prints. A simulator started from code (tests) takes it from here too, so the value is
 * written once, in the declaration.
 */
export function declaredDefault<const Options extends readonly SimulatorOption[], N extends Options[number]['name']>(
  options: Options,
  name: N,
  quirks: Iterable<string> = [],
): DefaultOf<Extract<Options[number], { name: N }>> {
  const option = options.find((o) => o.name === name);
  const playing = new Set(quirks);
  const played = Object.keys(option?.quirkDefaults ?? {}).find((q) => playing.has(q));
  // The declaration's own value: typed by its form when the definition was checked (checkDefaults).
  return (played !== undefined ? option!.quirkDefaults![played] : option?.default) as DefaultOf<Extract<Options[number], { name: N }>>;
}

/** "(default 60000)", "(default: none; 30000 under idle-drop)": what help adds to an option's description. */
export function describeDefault(option: SimulatorOption): string {
  const underQuirks = Object.entries(option.quirkDefaults ?? {}).map(([quirk, value]) => `${value} under ${quirk}`);
  if (option.default === undefined && underQuirks.length === 0) return '';
  return ` (default${option.default === undefined ? ': none' : ` ${option.default}`}${underQuirks.length ? `; ${underQuirks.join(', ')}` : ''})`;
}

/**
 * A simulator's definition from its declared options and a `start` typed from them. The
 * definition's `start` takes the options as text (`roomctl sim DRIVER --key value`, tests,
 * benches), reads each by its form, fills in each declared default and hands them over typed:
 * the declared list is the one place a simulator names its options and their defaults.
 */
export function defineSimulator<const Options extends readonly SimulatorOption[]>(simulator: {
  driver: string;
  description: string;
  options: Options;
  quirks?: readonly QuirkProfile[];
  start(options: SimulatorOptionValues<Options>): Promise<RunningSimulator>;
}): SimulatorDefinition {
  checkDefaults(simulator);
  const { start, ...declared } = simulator;
  const read = (text: Record<string, string>) => readSimulatorOptions(simulator, text);
  // readSimulatorOptions fills exactly the declared names, each read by the form its type is derived from, defaults filled in.
  return { ...declared, read, start: async (text) => start(read(text) as SimulatorOptionValues<Options>) };
}

/** A default must be a value its option takes (a number for `MS`, one of the choices): checked when the simulator is defined. */
function checkDefaults(simulator: Pick<SimulatorDefinition, 'driver' | 'options' | 'quirks'>): void {
  for (const option of simulator.options) {
    for (const [under, value] of [['', option.default], ...Object.entries(option.quirkDefaults ?? {})] as const) {
      if (value === undefined) continue;
      if (under && !simulator.quirks?.some((q) => q.name === under))
        throw new Error(`${simulator.driver}: --${option.name} has a default under ${under}, a quirk profile it does not offer`);
      if (readOrUndefined(option, String(value)) !== value)
        throw new Error(`${simulator.driver}: --${option.name}'s default ${JSON.stringify(value)} is not a value it takes`);
    }
  }
}

const invalid = (message: string, details?: unknown) => new RoomctlError('ROOMCTL_E_CONFIG_INVALID', message, details);

/**
 * The `--key value` text as values: `quirks` as a list, a number form checked and turned into a
 * number, a value with `choices` checked against them; an option not given (or given empty)
 * gets its declared default, under the quirk profiles played. An undeclared name or a missing
 * required option is refused: a typo must not leave a simulator on its default.
 */
function readSimulatorOptions(simulator: Pick<SimulatorDefinition, 'driver' | 'options' | 'quirks'>, text: Record<string, string>): object {
  const values: Record<string, string | number | string[]> = {};
  const takesQuirks = Boolean(simulator.quirks?.length);
  for (const [name, given] of Object.entries(text)) {
    if (name === 'quirks' && takesQuirks) {
      values.quirks = given
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean);
      continue;
    }
    const option = simulator.options.find((o) => o.name === name);
    if (!option) throw invalid(`the ${simulator.driver} simulator takes no option --${name}`, { allowed: simulator.options.map((o) => `--${o.name}`) });
    if (given !== '') values[name] = readValue(option, given);
  }
  const missing = simulator.options.filter((o) => o.required && values[o.name] === undefined);
  if (missing.length) throw invalid(`needs ${missing.map((o) => `--${o.name} ${o.value}`).join(' and ')}`);
  for (const option of simulator.options) {
    const fallback =
      values[option.name] === undefined ? declaredDefault(simulator.options, option.name, (values.quirks as string[] | undefined) ?? []) : undefined;
    if (fallback !== undefined) values[option.name] = fallback;
  }
  return declaredOnly(values, new Set([...simulator.options.map((o) => o.name), ...(takesQuirks ? ['quirks'] : [])]), simulator.driver);
}

function readOrUndefined(option: SimulatorOption, given: string): string | number | undefined {
  try {
    return readValue(option, given);
  } catch {
    return undefined;
  }
}

function readValue(option: SimulatorOption, given: string): string | number {
  if (option.choices) {
    if (!option.choices.includes(given))
      throw invalid(`--${option.name} must be one of ${option.choices.join(', ')}, got ${JSON.stringify(given)}`, { allowed: option.choices });
    return given;
  }
  const form = Object.hasOwn(NUMBER_FORMS, option.value) ? NUMBER_FORMS[option.value as NumberForm] : undefined;
  if (!form) return given;
  const n = given.trim() === '' ? Number.NaN : Number(given);
  if (!form.fits(n)) throw invalid(`--${option.name} must be ${form.expected}, got ${JSON.stringify(given)}`, { allowed: form.expected });
  return n;
}

/**
 * The options as `start` sees them: reading a name the simulator did not declare throws instead
 * of answering undefined. The types already refuse such a read; this catches a simulator that
 * went around them with a cast, the first time it starts (the registry test starts each one).
 * What JavaScript itself asks of any object is answered, not refused: `then` (an `await` or a
 * promise resolved with the options), `toJSON` (JSON.stringify), symbols (inspection, iteration)
 * and Object's own members. A copy made by destructuring (`{ listen, ...rest }`) is a plain
 * object: there the types alone guard.
 */
const ASKED_OF_ANY_OBJECT = new Set(['then', 'toJSON']);

function declaredOnly(values: object, declared: ReadonlySet<string>, driver: string): object {
  const check = (key: string | symbol) => {
    if (typeof key === 'string' && !declared.has(key) && !ASKED_OF_ANY_OBJECT.has(key) && !(key in Object.prototype)) {
      throw new Error(`the ${driver} simulator reads --${key}, which its options do not declare`);
    }
  };
  return new Proxy(values, {
    get(target, key, receiver) {
      check(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      check(key);
      return Reflect.has(target, key);
    },
  });
}
