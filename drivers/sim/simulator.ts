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

export interface SimulatorDefinition {
  /** The driver id this simulator stands in for. */
  driver: string;
  description: string;
  /**
   * The quirk profiles this simulator can play, chosen with `options.quirks` (a
   * comma-separated list of profile names; `roomctl sim DRIVER --quirks a,b`).
   */
  quirks?: readonly QuirkProfile[];
  /**
   * Start the simulator. `options` come from `roomctl sim DRIVER --key value` or from the
   * demo room; each simulator documents its own (e.g. `port` for a PTY path, `listen` for TCP).
   */
  start(options: Record<string, string>): Promise<RunningSimulator>;
}
