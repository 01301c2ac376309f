import { createSocket } from 'node:dgram';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseListenOption } from '../sim/sim-options.js';
import { LineFramer, authDigest } from './pjlink-codec.js';
import { waitFor } from '../testing/test-context.js';
import { pjlinkSimulator, startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';

let sim: RunningPjlinkSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A bare client: sends lines, reads lines. Speaking raw bytes keeps the driver out of it. */
async function talk(port: number): Promise<{ greeting: string; ask(line: string): Promise<string>; closed: Promise<void>; end(): void }> {
  const socket = new Socket();
  const framer = new LineFramer();
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk) => {
    for (const line of framer.push(chunk)) (waiters.shift() ?? ((l: string) => lines.push(l)))(line);
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const next = () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise<string>((resolve) => waiters.push(resolve)));
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
  const greeting = await next();
  return { greeting, ask: (line) => (socket.write(`${line}\r`), next()), closed, end: () => socket.destroy() };
}

describe('PJLink simulator', () => {
  it('greets, answers class 1 and class 2 queries, and refuses unknown commands and bad params', async () => {
    sim = await startPjlinkSimulator({ port: 0, name: 'Aurora' });
    const c = await talk(sim.endpoint.port);
    expect(c.greeting).toBe('PJLINK 0');
    expect(await c.ask('%1CLSS ?')).toBe('%1CLSS=2');
    expect(await c.ask('%1NAME ?')).toBe('%1NAME=Aurora');
    expect(await c.ask('%1INST ?')).toBe('%1INST=11 12 31 32 33 51');
    expect(await c.ask('%1ERST ?')).toBe('%1ERST=000000');
    expect(await c.ask('%1LAMP ?')).toBe('%1LAMP=1234 0');
    expect(await c.ask('%1INF1 ?')).toBe('%1INF1=roomctl');
    expect(await c.ask('%1ABCD ?')).toBe('%1ABCD=ERR1');
    expect(await c.ask('%1SVOL 1')).toBe('%1SVOL=ERR1'); // class 2 only
    expect(await c.ask('%1POWR 7')).toBe('%1POWR=ERR2');
    expect(await c.ask('%1INPT 99')).toBe('%1INPT=ERR2');
    expect(sim.display.received).toContain('%1ABCD ?');
    c.end();
  });

  it('warms up (POWR=3, INPT ERR3), is on, then cools down (POWR=2, POWR 1 ERR3)', async () => {
    sim = await startPjlinkSimulator({ port: 0, warmupMs: 100, cooldownMs: 100 });
    const c = await talk(sim.endpoint.port);
    expect(await c.ask('%1POWR 1')).toBe('%1POWR=OK');
    expect(await c.ask('%1POWR ?')).toBe('%1POWR=3');
    expect(await c.ask('%1INPT 32')).toBe('%1INPT=ERR3');
    expect(await c.ask('%1AVMT 31')).toBe('%1AVMT=ERR3');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await c.ask('%1POWR ?')).toBe('%1POWR=1');
    expect(await c.ask('%1INPT 32')).toBe('%1INPT=OK');
    expect(await c.ask('%1AVMT 11')).toBe('%1AVMT=OK');
    expect(await c.ask('%1AVMT ?')).toBe('%1AVMT=11');
    expect(await c.ask('%2SVOL 1')).toBe('%2SVOL=OK');
    expect(await c.ask('%2SVOL ?')).toBe('%2SVOL=ERR2');
    expect(await c.ask('%1POWR 0')).toBe('%1POWR=OK');
    expect(await c.ask('%1POWR ?')).toBe('%1POWR=2');
    expect(await c.ask('%1POWR 1')).toBe('%1POWR=ERR3');
    c.end();
  });

  it('counts lamp hours while the lamp is lit', async () => {
    sim = await startPjlinkSimulator({ port: 0, warmupMs: 0, lampHours: 10, lampHourMs: 20 });
    const c = await talk(sim.endpoint.port);
    await c.ask('%1POWR 1');
    await new Promise((resolve) => setTimeout(resolve, 70));
    const [hours, lit] = (await c.ask('%1LAMP ?')).slice('%1LAMP='.length).split(' ');
    expect(Number(hours)).toBeGreaterThanOrEqual(13);
    expect(lit).toBe('1');
    c.end();
  });

  it('checks the auth digest and hangs up on a wrong one with PJLINK ERRA', async () => {
    sim = await startPjlinkSimulator({ port: 0, password: 'pw' });
    const good = await talk(sim.endpoint.port);
    const random = good.greeting.split(' ')[2]!;
    expect(good.greeting).toMatch(/^PJLINK 1 [0-9a-f]{8}$/);
    expect(await good.ask(`${authDigest(random, 'pw')}%1POWR ?`)).toBe('%1POWR=0');
    expect(await good.ask('%1POWR ?')).toBe('%1POWR=0');
    good.end();

    const bad = await talk(sim.endpoint.port);
    expect(await bad.ask(`${authDigest('nope', 'pw')}%1POWR ?`)).toBe('PJLINK ERRA');
    await bad.closed;
    const none = await talk(sim.endpoint.port);
    expect(await none.ask('%1POWR ?')).toBe('PJLINK ERRA');
  });

  it('closes a session idle for idleTimeoutMs', async () => {
    sim = await startPjlinkSimulator({ port: 0, idleTimeoutMs: 50 });
    const c = await talk(sim.endpoint.port);
    await c.closed;
    await waitFor(() => sim!.openConnections === 0, 2000);
  });

  it('answers the class 2 UDP search with its MAC', async () => {
    sim = await startPjlinkSimulator({ port: 0, udpPort: 0, mac: '02:aa:bb:cc:dd:ee' });
    const udp = createSocket('udp4');
    const answer = new Promise<string>((resolve) => udp.once('message', (m) => resolve(m.toString())));
    udp.send('%2SRCH\r', sim.udpEndpoint!.port, '127.0.0.1');
    expect(await answer).toBe('%2ACKN=02:aa:bb:cc:dd:ee\r');
    udp.close();
  });

  it('starts from `roomctl sim pjlink` options and reports its endpoint', async () => {
    expect(parseListenOption('127.0.0.1:4352')).toEqual({ host: '127.0.0.1', port: 4352 });
    expect(parseListenOption(':0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(() => parseListenOption('nope')).toThrow(/listen/);
    const running = await pjlinkSimulator.start({ listen: '127.0.0.1:0', warmupMs: '10' });
    try {
      expect(running.endpoint.host).toBe('127.0.0.1');
      expect(Number(running.endpoint.port)).toBeGreaterThan(0);
      const c = await talk(Number(running.endpoint.port));
      expect(c.greeting).toBe('PJLINK 0');
      c.end();
    } finally {
      await running.close();
    }
  });
});

it('stopped while warming up, sends no notification after it stopped (its settle timer finds it closed)', async () => {
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  process.on('uncaughtException', onError);
  try {
    const listener = createSocket('udp4');
    await new Promise<void>((resolve) => listener.bind(0, '127.0.0.1', resolve));
    const stopped = await startPjlinkSimulator({ port: 0, warmupMs: 120, quirks: ['notifications'], notifyPort: listener.address().port });
    const client = await talk(stopped.endpoint.port);
    expect(await client.ask('%1POWR 1')).toBe('%1POWR=OK');
    client.end();
    await stopped.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
    listener.close();
    expect(errors).toEqual([]);
  } finally {
    process.off('uncaughtException', onError);
  }
});
