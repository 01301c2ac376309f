/**
 * The room's own process held up (a loaded room PC that does not schedule it, a long garbage
 * collection) while a device answers in time: the tests of the reply deadlines
 * (core/reply-deadline.ts) set this up with two parts.
 *
 * - `startDeviceWorker`: the device (a simulator, or a device of `held-up-devices.ts`) runs in
 *   a worker thread, so it answers while the room's thread is busy, as a real device on the
 *   network does; `freeze` stops the devices' own thread instead, for a device that really does
 *   not answer in time, until the test thaws it.
 * - `holdUpTheRoom`: holds the room's thread in a busy loop right after its next connection to,
 *   write or datagram to or read from the device: the worst moment, when the answer is certain to wait unread
 *   in the socket while the wait's timer falls due. (Node runs due timers before it reads its sockets.)
 */
import { Socket as UdpSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hex } from './hex.js';

/** A thread of devices: several can run in it, one test after another. */
export interface DeviceWorker {
  /** Starts `start` of `module` (a URL, e.g. `new URL('../pjlink/pjlink-simulator.ts', import.meta.url)`) with `options`. */
  start(module: URL, start: string, options?: object): Promise<DeviceInAWorker>;
  /** Holds the devices' own thread until `thaw()`: they read and answer nothing meanwhile. Resolves as the hold begins. */
  freeze(): Promise<{ thaw(): void }>;
  /** Ends every device and every connection they hold (and cancels a hold-up of the room that never came). */
  close(): Promise<void>;
}

export interface DeviceInAWorker {
  /** The loopback TCP port the device listens on. */
  readonly port: number;
  /** The loopback UDP port it answers a search on (a simulator's `udpEndpoint` or `discoveryPort`), when it has one. */
  readonly searchPort: number | undefined;
  /** What the device told the test (a device of held-up-devices.ts: each line or frame it heard), in order. */
  readonly told: unknown[];
}

/** The worker: loads TypeScript (tsx) once, then starts devices, each with a `tell` for the test, and freezes on demand. */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.tsx).then((tsx) => tsx.register());
parentPort.on('message', async (m) => {
  if (m.frozen) {
    parentPort.postMessage({ frozen: true });
    Atomics.wait(m.frozen, 0, 1);
    return;
  }
  try {
    await ready;
    const device = await (await import(m.module))[m.start](m.options, (told) => parentPort.postMessage({ id: m.id, told }));
    const searchPort = device.udpEndpoint ? device.udpEndpoint.port : device.discoveryPort;
    parentPort.postMessage({ id: m.id, port: device.endpoint.port, searchPort });
  } catch (err) {
    parentPort.postMessage({ id: m.id, failed: String((err && err.stack) || err) });
  }
});
`;

/** tsx's ES module API (its CommonJS one registers a path that does not resolve in a worker). */
const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;

type FromWorker = { id?: number; port?: number; searchPort?: number; told?: unknown; frozen?: true; failed?: string };

/** A worker thread for devices; `close` it after the tests (afterAll). */
export function startDeviceWorker(): DeviceWorker {
  const worker = new Worker(BOOT, { eval: true, workerData: { tsx } });
  const devices = new Map<number, { told: unknown[]; started(port: number, searchPort?: number): void; failed(error: Error): void }>();
  let frozen: (() => void) | undefined;
  /** 1 while the devices are frozen: the worker sleeps on it (Atomics.wait) until it is 0 again. */
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const thaw = () => {
    Atomics.store(flag, 0, 0);
    Atomics.notify(flag, 0);
  };
  worker.on('error', (err) => {
    for (const device of devices.values()) device.failed(err);
  });
  worker.on('message', (m: FromWorker) => {
    if (m.frozen) return frozen?.();
    const device = devices.get(m.id!);
    if (m.failed) device?.failed(new Error(`the device in the worker did not start: ${m.failed}`));
    else if (m.port) device?.started(m.port, m.searchPort);
    else device?.told.push(m.told);
  });
  let next = 1;
  return {
    start(module, start, options = {}) {
      const id = next++;
      const told: unknown[] = [];
      return new Promise<DeviceInAWorker>((resolve, reject) => {
        devices.set(id, { told, started: (port, searchPort) => resolve({ port, searchPort, told }), failed: reject });
        worker.postMessage({ id, module: module.href, start, options });
      });
    },
    freeze: () =>
      new Promise((resolve) => {
        frozen = () => resolve({ thaw });
        Atomics.store(flag, 0, 1);
        worker.postMessage({ frozen: flag });
      }),
    async close() {
      cancelHoldUps();
      thaw();
      await worker.terminate();
    },
  };
}

/** Holds the room's thread: nothing of it runs meanwhile. */
export function holdUp(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: the event loop runs no timer and reads no socket.
  }
}

const cancels = new Set<() => void>();
function cancelHoldUps(): void {
  for (const cancel of cancels) cancel();
}

/**
 * Holds the room up for `ms` right after it starts connecting to the device on `port`
 * (`after: 'connecting'`), after its next connection to it (`'connect'`), its next write to it (`'write'`), its next
 * datagram to it (`'send'`, UDP) or its next read from it (`'data'`) —
 * one whose bytes match `matching`, when given (a datagram's as hex, `02 00 00 01 …`, testing/hex.ts) — after everything the room does at once with it
 * (the code that connected, wrote, sent or read, and what that settles) and before it reads anything
 * more. Resolves once the room runs again. The device worker's `close` cancels a hold that never came.
 */
export function holdUpTheRoom(port: number, after: 'connecting' | 'connect' | 'write' | 'send' | 'data', ms: number, matching?: RegExp): Promise<void> {
  const { connect, write, emit } = Socket.prototype;
  const { send } = UdpSocket.prototype;
  return new Promise<void>((resolve) => {
    const restore = () => {
      Socket.prototype.connect = connect;
      Socket.prototype.write = write;
      Socket.prototype.emit = emit;
      UdpSocket.prototype.send = send;
      cancels.delete(restore);
    };
    cancels.add(restore);
    // After the microtasks the event settles (a request's timer armed, a connect awaited), before any input is read.
    let held = false;
    const hold = () => {
      if (held) return;
      held = true;
      restore();
      queueMicrotask(() =>
        process.nextTick(() => {
          holdUp(ms);
          resolve();
        }),
      );
    };
    const ours = (socket: Socket) => socket.remotePort === port;
    const matches = (bytes: unknown) => !matching || matching.test(String(bytes));
    if (after === 'connecting') {
      Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
        const socket = (connect as (this: Socket, ...a: unknown[]) => Socket).apply(this, args);
        const target = typeof args[0] === 'object' ? (args[0] as { port?: unknown }).port : args[0];
        if (Number(target) === port) hold();
        return socket;
      } as Socket['connect'];
    } else if (after === 'send') {
      UdpSocket.prototype.send = function (this: UdpSocket, ...args: unknown[]) {
        (send as (this: UdpSocket, ...a: unknown[]) => void).apply(this, args);
        if (datagramPort(this, args) === port && (!matching || matching.test(hex(args[0] as Uint8Array)))) hold();
      } as UdpSocket['send'];
    } else if (after === 'write') {
      Socket.prototype.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
        const written = write.apply(this, args);
        if (!matches(args[0])) return written;
        // A socket still connecting (its port unknown yet) sends once connected, in a 'connect' listener this write added.
        if (this.connecting) this.once('connect', () => ours(this) && hold());
        else if (ours(this)) hold();
        return written;
      } as Socket['write'];
    } else {
      Socket.prototype.emit = function (this: Socket, event: string | symbol, ...args: unknown[]) {
        const heard = (emit as (this: Socket, ...a: unknown[]) => boolean).apply(this, [event, ...args]);
        if (event === after && ours(this) && (after === 'connect' || matches(args[0]))) hold();
        return heard;
      } as Socket['emit'];
    }
  });
}

/** Where a datagram goes: a connected socket's peer (send(bytes, callback)), or the port named (send(bytes, port, address)). */
function datagramPort(socket: UdpSocket, args: unknown[]): number | undefined {
  if (typeof args[1] === 'number' && typeof args[2] === 'string') return args[1];
  try {
    return socket.remoteAddress().port;
  } catch {
    return undefined; // not connected
  }
}
