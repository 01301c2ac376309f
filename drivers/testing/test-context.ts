import type { DriverContext, DriverLogger } from '../core/definition.js';
import type { RoomctlError } from '../core/errors.js';

/**
 * The one DriverContext for driver tests: it remembers what a driver told the host, for
 * scenario tests to read back: `lost` (linkLost calls), `conditions` (setCondition calls),
 * `state` (publishState merged), `patches` (every publishState call in order), `logs`
 * (printed too with `printLogs`, when a test is being debugged).
 */
export interface TestContext extends DriverContext {
  readonly lost: RoomctlError[];
  readonly conditions: Array<{ degraded: boolean; detail?: string }>;
  readonly state: Record<string, unknown>;
  readonly patches: Array<Record<string, unknown>>;
  readonly logs: Array<{ level: string; msg: string }>;
}

export function createTestContext(deviceId = 'device', options: { printLogs?: boolean } = {}): TestContext {
  const logs: TestContext['logs'] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => {
    const text = typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`;
    logs.push({ level, msg: text });
    if (options.printLogs) console.log(`[${level}] ${text}`);
  };
  const log: DriverLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const ctx: TestContext = {
    deviceId,
    log,
    lost: [],
    conditions: [],
    state: {},
    patches: [],
    logs,
    memory: {},
    linkLost: (error) => void ctx.lost.push(error),
    setCondition: (condition) => void ctx.conditions.push(condition),
    publishState: (patch) => {
      ctx.patches.push(patch);
      Object.assign(ctx.state, patch);
    },
    held: (wait) => wait(),
  };
  return ctx;
}

/** Waits until `check` returns true (polling every 5 ms), or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
