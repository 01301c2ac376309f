import { openSerialEndpoint } from '../sim/serial-endpoint.js';
import { defineSimulator } from '../sim/define-simulator.js';
import { replyDelayOption, serialPathOption } from '../sim/sim-options.js';
import { playedQuirks, type QuirkOptions, delayedWriter } from '../sim/quirk-options.js';
import { LG_QUIRKS } from './lg-sim-quirks.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { LG_DEFAULT_SET_ID, LgDisplayModel, type LgDisplayOptions } from './lg-display-model.js';

export interface LgSimulatorOptions extends LgDisplayOptions, QuirkOptions {
  /** The simulator end of a PTY pair. */
  path: string;
  baudRate?: number;
}

export interface RunningLgSimulator extends RunningSimulator {
  readonly endpoint: { serialPort: string };
  readonly display: LgDisplayModel;
  readonly isOpen: boolean;
}

/** An LG display on RS-232 (a PTY end); it waits for its cable when the PTY is unplugged. */
export async function startLgSimulator(options: LgSimulatorOptions): Promise<RunningLgSimulator> {
  const { quirks, replyDelayMs } = playedQuirks(options, LG_QUIRKS);
  const display = new LgDisplayModel({ ...options, withoutSpeakers: options.withoutSpeakers ?? quirks.has('no-speaker') });
  const framer = new DelimiterFramer(0x0d, 64);
  const answer = delayedWriter(
    (text) => line.write(Buffer.from(text, 'latin1')),
    () => replyDelayMs,
  );
  const line = await openSerialEndpoint(
    options.path,
    options.baudRate ?? 9600,
    (chunk) => {
      for (const raw of framer.push(chunk)) {
        const reply = display.handle(raw.toString('latin1').replace(/\n/g, ''));
        if (reply) answer(reply);
      }
    },
    () => framer.reset(),
  );
  return {
    endpoint: { serialPort: options.path },
    display,
    get isOpen() {
      return line.isOpen;
    },
    close: () => line.close(),
  };
}

export const lgSimulator = defineSimulator({
  driver: 'lg-serial',
  description: 'An LG display on RS-232.',
  options: [
    serialPathOption('port', 'the PTY end it answers on (the simulator end of a socat pair)', true),
    { name: 'setId', value: 'N', description: 'the set id it answers to', default: LG_DEFAULT_SET_ID },
    replyDelayOption(),
  ],
  quirks: LG_QUIRKS,
  async start({ port, ...options }) {
    return startLgSimulator({ path: port, ...options });
  },
});
