import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { ApiLimits } from './connection-limits.js';
import { clientNetwork } from './client-network.js';

/** WebSocket close codes a client can act on: 1013 try again later, 4401 credential no longer valid. */
const STREAM_CLOSE = { slowReader: 1013, full: 1013, unpaired: 4401, stopping: 1001 } as const;

/** How often the credentials of open streams are checked again (an unpaired panel, a removed operator stops hearing). */
const RECHECK_MS = 5_000;

/**
 * Checks a stream's credential again while it is open: undefined (or false) once it is no
 * longer valid, and the words its stream is closed with then.
 */
interface Recheck {
  verify(token: string): unknown;
  revoked?: string;
}

interface Client {
  address: string;
  /** Answered the last ping (a pong came). */
  alive: boolean;
  /** A credential that can be taken back (a paired panel's, an operator's), checked again while the stream is open. */
  panelToken?: string;
}

/** The bounds a set of streams holds (the room's defaults in connection-limits.ts). */
type StreamLimits = Pick<ApiLimits, 'streamClients' | 'streamClientsPerClient' | 'streamBufferBytes' | 'streamPingMs'>;

/**
 * The open streams, within their caps: in all, per address, and in unsent bytes per client.
 * A client over its buffer, or silent to a ping until the next one, is closed rather than
 * buffered for (it resyncs from the snapshot when it reconnects), so a client that stops
 * reading costs at most `streamBufferBytes` here and two ping periods of traffic in the kernel.
 */
export class StreamClients<M = unknown> {
  private readonly clients = new Map<WebSocket, Client>();
  private readonly perAddress = new Map<string, number>();
  private readonly recheck: NodeJS.Timeout;
  private readonly liveness: NodeJS.Timeout;
  /** Clients closed for not reading, since start (logged and counted, never silent). */
  slowClosed = 0;

  constructor(
    private readonly limits: StreamLimits,
    private readonly panels: Recheck | undefined,
    private readonly log: FastifyBaseLogger,
    /** Who serves the streams, for the refusal's words ("The room", "The fleet"). */
    private readonly server = 'The room',
  ) {
    this.recheck = setInterval(() => this.closeUnpaired(), RECHECK_MS);
    this.recheck.unref();
    // A client that does not answer a ping by the next one reads nothing: what the kernel
    // buffers for it counts too, so it goes even before its own buffer is full.
    this.liveness = setInterval(() => this.pingAll(), limits.streamPingMs);
    this.liveness.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * Refuses a new stream from `address` before its upgrade, with a coded answer, when the
   * server or that address is at its cap (the route's onRequest hook).
   */
  refuseWhenFull(address: string): void {
    const full = this.fullFor(clientNetwork(address));
    if (full)
      throw new RoomctlError('ROOMCTL_E_TOO_MANY_CONNECTIONS', full, {
        streamClients: this.limits.streamClients,
        streamClientsPerClient: this.limits.streamClientsPerClient,
      });
  }

  /** Why a new stream from `address` is refused, or undefined when there is room. */
  private fullFor(address: string): string | undefined {
    if (this.clients.size >= this.limits.streamClients) return `${this.server} already serves ${this.limits.streamClients} live streams`;
    if ((this.perAddress.get(address) ?? 0) >= this.limits.streamClientsPerClient)
      return `This address already holds ${this.limits.streamClientsPerClient} live streams`;
    return undefined;
  }

  /** Adds an upgraded socket; false (and closed) when the caps filled up meanwhile. */
  add(socket: WebSocket, from: string, panelToken?: string): boolean {
    const address = clientNetwork(from);
    const full = this.fullFor(address);
    if (full) {
      socket.close(STREAM_CLOSE.full, full.slice(0, 120));
      return false;
    }
    this.clients.set(socket, { address, panelToken, alive: true });
    socket.on('pong', () => {
      const client = this.clients.get(socket);
      if (client) client.alive = true;
    });
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    const forget = () => this.forget(socket);
    socket.on('close', forget);
    socket.on('error', forget);
    return true;
  }

  broadcast(message: M): void {
    if (this.clients.size === 0) return;
    // One buffer for every client: a socket that is behind holds a reference, not a copy.
    const data = Buffer.from(JSON.stringify(message));
    for (const socket of this.clients.keys()) this.sendData(socket, data);
  }

  send(socket: WebSocket, message: M): void {
    this.sendData(socket, Buffer.from(JSON.stringify(message)));
  }

  closeAll(): void {
    clearInterval(this.recheck);
    clearInterval(this.liveness);
    for (const socket of [...this.clients.keys()]) socket.close(STREAM_CLOSE.stopping, `${this.server.replace(/^The /, '')} stopping`);
  }

  private sendData(socket: WebSocket, data: Buffer): void {
    if (socket.readyState !== socket.OPEN) return;
    // A message larger than the bound (the fleet's snapshot of thousands of rooms) still goes
    // out to a client that has read everything before it; what is behind counts from there.
    if (socket.bufferedAmount > 0 && socket.bufferedAmount + data.length > this.limits.streamBufferBytes) {
      this.dropSlow(socket, this.clients.get(socket), 'buffer full');
      return;
    }
    socket.send(data, { binary: false });
  }

  private pingAll(): void {
    for (const [socket, client] of this.clients) {
      if (!client.alive) {
        this.dropSlow(socket, client, 'no pong');
        continue;
      }
      client.alive = false;
      socket.ping();
    }
  }

  private closeUnpaired(): void {
    const panels = this.panels;
    if (!panels) return;
    for (const [socket, client] of this.clients) {
      const token = client.panelToken;
      if (!token) continue;
      // The check may ask a database (the fleet's operators): a stream closed meanwhile is left alone.
      Promise.resolve()
        .then(() => panels.verify(token))
        .then(
          (still) => {
            if ((still !== undefined && still !== false) || !this.clients.has(socket)) return;
            this.forget(socket);
            socket.close(STREAM_CLOSE.unpaired, panels.revoked ?? 'This panel is no longer paired with the room');
          },
          (err: Error) => this.log.warn({ err: err.message }, "a stream's credential could not be checked again; it stays open until the next check"),
        );
    }
  }

  private dropSlow(socket: WebSocket, client: Client | undefined, why: string): void {
    this.slowClosed++;
    // One line per hundred: a crowd of stalled clients must not flood the log as well.
    if (this.slowClosed % 100 === 1)
      this.log.warn({ address: client?.address, why, unsent: socket.bufferedAmount, closed: this.slowClosed }, 'stream client not reading: closed');
    this.forget(socket);
    // terminate, not close: a closing handshake would queue behind what it already does not read.
    socket.terminate();
  }

  private forget(socket: WebSocket): void {
    const client = this.clients.get(socket);
    if (!client) return;
    this.clients.delete(socket);
    const left = (this.perAddress.get(client.address) ?? 1) - 1;
    if (left <= 0) this.perAddress.delete(client.address);
    else this.perAddress.set(client.address, left);
  }
}
