/**
 * A device simulator speaks the real protocol over a real transport (a PTY end, a TCP or UDP
 * port on loopback). Simulators serve the tests, `roomctl sim DRIVER`, and the demo room.
 */
export interface RunningSimulator {
  /** Where a driver should connect, as device config fields (e.g. `{ port: '/tmp/x' }` or `{ host, port }`). */
  readonly endpoint: Record<string, string | number>;
  close(): Promise<void>;
}

/**
 * A named way a real device of this protocol behaves that the friendly default does not:
 * slow replies, restricted preset names, a lock-out after failed logins... Each profile says
 * where the behaviour was documented, so the tests that run every driver against every
 * profile stay tied to real devices rather than to our own guesses.
 */
export interface QuirkProfile {
  name: string;
  description: string;
  /** The manual, specification or public bug report the behaviour comes from. */
  source: string;
}

/**
 * One `--name VALUE` option a simulator takes. `roomctl sim DRIVER` refuses any option its
 * simulator does not declare (a typo must not leave a simulator quietly on its default port)
 * and `roomctl sim --help` lists them.
 */
export interface SimulatorOption {
  /** As typed after the dashes: `listen`, `serialPath`. */
  name: string;
  /**
   * The form of the value, e.g. `HOST:PORT`, `PATH`, `MS`. `N` (a whole number), `MS` and `PORT`
   * are read as numbers and checked; every other form is text (`defineSimulator`).
   */
  value: string;
  /** What it sets; help adds the default from `default` and `quirkDefaults` (never written here too). */
  description: string;
  /** The value `start` is handed when the option is not given; help prints it. Must be a value the option takes. */
  default?: string | number;
  /**
   * A different default while a quirk profile is played, by profile name (`{ 'idle-drop': 30000 }`):
   * the first played profile listed here wins over `default`.
   */
  quirkDefaults?: Readonly<Record<string, string | number>>;
  /** The simulator cannot start without it. */
  required?: boolean;
  /**
   * Other spellings of the same option, handed to `start` under `name`. A serial path is
   * `--port` for some drivers and `--serialPath` for others: every serial simulator takes both.
   */
  aliases?: readonly string[];
  /** The only values it takes (a camera model, a login mode); any other is refused with this list. */
  choices?: readonly string[];
}

export interface SimulatorDefinition {
  /** The driver id this simulator stands in for. */
  driver: string;
  /** What it plays, in a line (its options are listed from `options`). */
  description: string;
  /** Every option `start` reads besides `quirks` (which `quirks` below stands for). */
  options: readonly SimulatorOption[];
  /**
   * The quirk profiles this simulator can play, chosen with `options.quirks` (a
   * comma-separated list of profile names; `roomctl sim DRIVER --quirks a,b`).
   */
  quirks?: readonly QuirkProfile[];
  /**
   * Start the simulator from its options as text: `roomctl sim DRIVER --key value` (aliases
   * already turned into the declared names), tests and benches. Made by `defineSimulator`, which
   * refuses undeclared names and hands the simulator's own `start` each value typed by its form.
   */
  start(options: Record<string, string>): Promise<RunningSimulator>;
  /** The options as `start` hands them to the simulator: each read by its form, each declared default filled in. */
  read(options: Record<string, string>): object;
}
