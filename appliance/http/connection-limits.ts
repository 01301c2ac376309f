import type { Socket } from 'node:net';
import type { ServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ApiLimitsConfig } from '../config/config-schema.js';
import { clientNetwork } from './client-network.js';

/**
 * What one client, or all of them, may hold of the appliance. A mini-PC serves a handful of
 * panels and phones; these leave room for that many times over and no more.
 */
const API_LIMITS = {
  /** The request's headers must have arrived by then (a slowloris trickles them). */
  headersTimeoutMs: 10_000,
  /** The whole request, body included. */
  requestTimeoutMs: 30_000,
  /** A connection that sends nothing for this long is closed (WebSockets excepted: they answer pings). */
  idleTimeoutMs: 30_000,
  /** A kept-alive connection between requests. */
  keepAliveTimeoutMs: 5_000,
  /** How often the server looks for connections over their header or request time. */
  checkIntervalMs: 1_000,
  /** Open connections in all; the next one is closed at once. */
  maxConnections: 1_024,
  /** Open connections from one address; the next one from there is closed at once. */
  maxConnectionsPerClient: 128,
  /** Live streams (WebSocket /api/v1/stream) in all, and from one address. */
  streamClients: 64,
  streamClientsPerClient: 16,
  /** A stream client that has this much unsent is not reading: it is closed, not buffered for. */
  streamBufferBytes: 128 * 1024,
  /** Streams are pinged this often; one that has not answered the previous ping is closed. */
  streamPingMs: 10_000,
  /** A device past its burst of updates gets one out per tick, the newest (stream-route.ts). */
  streamTickMs: 20,
  /**
   * Changes one address makes per minute with a meeting's code (the phone page) or a personal
   * minutes link: a room full of phones checking in at once through one guest network's
   * address fits, a script correcting a note a million times (each an audit line) does not.
   */
  meetingCodeWritesPerMinute: 120,
  /**
   * Calls for help the room makes per minute, whoever presses: each is a message to facilities
   * (mail, chat, the fleet's issue), and the room's telemetry queue is shared with its faults.
   */
  helpCallsPerMinute: 10,
  /** Ratings and problem reports the room takes per minute (a problem report reaches facilities too): a queue leaving the room rates in turn. */
  feedbackPerMinute: 30,
  /** Self-tests run on request per minute (each wakes and probes every device, and a failed one tells facilities). */
  selfTestsPerMinute: 6,
} as const;

export type ApiLimits = { -readonly [K in keyof typeof API_LIMITS]: number };

export function apiLimits(config: ApiLimitsConfig | undefined): ApiLimits {
  return { ...API_LIMITS, ...config };
}

/** Fastify's and Node's timeouts: Fastify's defaults (0) would hold a silent connection for ever. */
export function timeoutOptions(limits: ApiLimits): { connectionTimeout: number; keepAliveTimeout: number; requestTimeout: number; http: ServerOptions } {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}

/**
 * Caps open connections in all and per client address, and closes the socket of an upgrade
 * request that was answered without upgrading: Node hands such sockets over whole, so no
 * server timeout would ever close them.
 */
export function installConnectionLimits(app: FastifyInstance, limits: ApiLimits): void {
  const server = app.server;
  server.maxConnections = limits.maxConnections;
  const perClient = new Map<string, number>();
  let refused = 0;
  server.on('connection', (socket: Socket) => {
    const address = clientNetwork(socket.remoteAddress);
    const open = (perClient.get(address) ?? 0) + 1;
    if (open > limits.maxConnectionsPerClient) {
      refused++;
      // One line per hundred refusals: a flood must not flood the log too.
      if (refused % 100 === 1) app.log.warn({ address, refused }, 'connections over the per-client cap closed');
      socket.destroy();
      return;
    }
    perClient.set(address, open);
    socket.once('close', () => {
      const left = (perClient.get(address) ?? 1) - 1;
      if (left <= 0) perClient.delete(address);
      else perClient.set(address, left);
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.headers.upgrade && reply.statusCode !== 101) request.raw.socket?.destroy();
  });
}
