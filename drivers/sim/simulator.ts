/**
 * A device simulator speaks the real protocol over a real transport (a PTY end, a TCP or UDP
 * port on loopback). Simulators serve the tests, `roomctl sim DRIVER`, and the demo room.
 */
export interface RunningSimulator {
  /** Where a driver should connect, as device config fields (e.g. `{ port: '/tmp/x' }` or `{ host, port }`). */
  readonly endpoint: Record<string, string | number>;
  close(): Promise<void>;
}

export interface SimulatorDefinition {
  /** The driver id this simulator stands in for. */
  driver: string;
  description: string;
  /**
   * Start the simulator. `options` come from `roomctl sim DRIVER --key value` or from the
   * demo room; each simulator documents its own (e.g. `port` for a PTY path, `listen` for TCP).
   */
  start(options: Record<string, string>): Promise<RunningSimulator>;
}
