import { createServer, type Server, type Socket } from 'node:net';
import { LineFramer } from '../pjlink-codec.js';

/** What a scripted display does with one command: reply with a line, stay silent, or hang up. */
export type ScriptedAnswer = string | { silent: true } | { hangUp: true };

export interface ScriptedDisplay {
  readonly port: number;
  /** Every command line received, across sessions. */
  readonly received: string[];
  readonly connectionCount: number;
  close(): Promise<void>;
}

/**
 * A raw `net.Server` playing a display from a script, for behaviours the simulator would never
 * show by itself (ERR3 on cue, ERR4, hanging up mid-command, silence). Test use only.
 */
export async function startScriptedDisplay(answer: (line: string, index: number) => ScriptedAnswer, greeting = 'PJLINK 0'): Promise<ScriptedDisplay> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const server: Server = createServer((socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new LineFramer();
    socket.write(`${greeting}\r`);
    socket.on('data', (chunk: Buffer) => {
      for (const line of framer.push(chunk)) {
        received.push(line);
        const reply = answer(line, received.length - 1);
        if (typeof reply === 'string') socket.write(`${reply}\r`);
        else if ('hangUp' in reply) socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received,
    get connectionCount() {
      return connectionCount;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The usual answers to the driver's handshake (`CLSS ?`, `POWR ?`, `ERST ?`), so scripts stay short. */
export function handshake(line: string, power = '1', pjlinkClass = '1'): string | undefined {
  if (line === '%1CLSS ?') return `%1CLSS=${pjlinkClass}`;
  if (line === '%1POWR ?') return `%1POWR=${power}`;
  if (line === '%1ERST ?') return '%1ERST=000000';
  return undefined;
}
