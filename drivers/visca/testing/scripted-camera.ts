import { SerialTransport } from '../../transports/serial-transport.js';
import { bytes, hex } from '../../testing/hex.js';
import { ViscaFrameParser } from '../visca-frame-parser.js';

/**
 * The camera end of a PTY pair, played by a test line by line: `await cam.expect('81 09 04 00 FF')`
 * then `await cam.send('90 50 02 FF')`. For behaviours the simulator would never show
 * (silence, orphan replies, noise).
 */
export interface ScriptedCamera {
  /** The next frame the driver sent, as hex; fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<string>;
  /** Wait for the next frame and check it is `expected`. */
  expect(expected: string, timeoutMs?: number): Promise<void>;
  send(text: string): Promise<void>;
  /** Answer the driver's connect: address set, IF_Clear, PowerInq (on). */
  answerHandshake(): Promise<void>;
  /** Frames received and not yet taken by `next`. */
  readonly backlog: string[];
  close(): Promise<void>;
}

export async function openScriptedCamera(path: string): Promise<ScriptedCamera> {
  const transport = new SerialTransport({ path, baudRate: 9600 });
  const parser = new ViscaFrameParser({ maxFrameLength: 64 });
  const backlog: string[] = [];
  const waiters: ((frame: string) => void)[] = [];
  await transport.open();
  transport.on('data', (chunk: Buffer) => {
    for (const frame of parser.push(chunk)) {
      const waiter = waiters.shift();
      if (waiter) waiter(hex(frame));
      else backlog.push(hex(frame));
    }
  });

  const next = (timeoutMs = 2000) => {
    const ready = backlog.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise<string>((resolve, reject) => {
      const waiter = (frame: string) => {
        clearTimeout(timer);
        resolve(frame);
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`the driver sent nothing within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  };
  const camera: ScriptedCamera = {
    backlog,
    next,
    async expect(expected, timeoutMs) {
      const frame = await next(timeoutMs);
      if (frame !== expected) throw new Error(`expected the driver to send ${expected}, got ${frame}`);
    },
    send: (text) => transport.write(bytes(text)),
    async answerHandshake() {
      await camera.expect('88 30 01 FF');
      await camera.send('88 30 02 FF');
      await camera.expect('88 01 00 01 FF');
      await camera.send('88 01 00 01 FF');
      await camera.expect('81 09 04 00 FF');
      await camera.send('90 50 02 FF');
    },
    close: () => transport.close(),
  };
  return camera;
}
