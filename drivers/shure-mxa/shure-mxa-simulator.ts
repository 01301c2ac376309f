import type { Socket } from 'node:net';
import { defineSimulator } from '../sim/define-simulator.js';
import { listenOption, parseListenOption, replyDelayOption } from '../sim/sim-options.js';
import { playedQuirks, type QuirkOptions, delayedWriter } from '../sim/quirk-options.js';
import { SHURE_QUIRKS } from './shure-sim-quirks.js';
import { startTcpSimulatorServer, type RunningTcpSimulator, type TcpListenOptions } from '../sim/tcp-simulator-server.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { SHURE_CHANNELS, SHURE_MAX_MESSAGE, SHURE_PORT } from './shure-codec.js';
import { SHURE_DEVICE_ID, ShureMxaModel, type ShureMxaModelOptions } from './shure-mxa-model.js';

export interface ShureMxaSimulatorOptions extends ShureMxaModelOptions, QuirkOptions, TcpListenOptions {}

export interface RunningShureMxaSimulator extends RunningTcpSimulator {
  readonly array: ShureMxaModel;
}

/** A Shure MXA910 on a real TCP server: 8 lobes whose levels move while metering is on. */
export async function startShureMxaSimulator(options: ShureMxaSimulatorOptions = {}): Promise<RunningShureMxaSimulator> {
  const { quirks, replyDelayMs } = playedQuirks(options, SHURE_QUIRKS);
  const array = new ShureMxaModel({ ...options, ...(quirks.has('mxa310') ? { channels: 4, model: 'MXA310' } : {}) });
  const serveSession = (socket: Socket) => {
    const framer = new DelimiterFramer(0x3e /* > */, SHURE_MAX_MESSAGE);
    const reply = delayedWriter(
      (text) => !socket.destroyed && socket.write(text),
      () => replyDelayMs,
    );
    socket.on('data', (chunk: Buffer) => {
      for (const raw of framer.push(chunk)) {
        const text = raw.toString('latin1');
        const start = text.indexOf('<');
        if (start === -1) continue;
        for (const line of array.handle(text.slice(start + 1).trim())) reply(line);
      }
    });
  };
  // One meter clock for the array: the rate is a device setting, not a per-session one.
  let meter: NodeJS.Timeout | undefined;
  const tcp = await startTcpSimulatorServer({
    host: options.host,
    port: options.port ?? SHURE_PORT,
    onConnection: serveSession,
    onClose: () => clearInterval(meter),
  });
  array.on('rep', (line: string) => tcp.broadcast(line));
  array.on('meterRate', (rate: number) => {
    clearInterval(meter);
    meter = rate > 0 ? setInterval(() => tcp.broadcast(array.sample()), rate) : undefined;
    meter?.unref();
  });
  return Object.assign(tcp, { array });
}

export const shureMxaSimulator = defineSimulator({
  driver: 'shure-mxa',
  description: 'A Shure MXA910 ceiling array on TCP.',
  options: [
    listenOption(SHURE_PORT),
    { name: 'channels', value: 'N', description: 'its microphone channels', default: SHURE_CHANNELS },
    { name: 'deviceId', value: 'TEXT', description: 'the device id it reports', default: SHURE_DEVICE_ID },
    replyDelayOption(),
  ],
  quirks: SHURE_QUIRKS,
  async start({ listen, ...options }) {
    return startShureMxaSimulator({ ...parseListenOption(listen), ...options });
  },
});
