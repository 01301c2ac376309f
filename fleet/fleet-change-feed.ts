import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Logger } from '../appliance/logger.js';
import type { FleetEvent } from './fleet-api-types.js';
import { emptyChanges, isDown, type FleetChanges } from './fleet-changes.js';
import type { FleetSql, FleetSqlTx } from './fleet-sql.js';
import type { PostgresFleetSql } from './fleet-sql-postgres.js';

/**
 * How an instance learns what the others sharing its PostgreSQL wrote: each batch's changes
 * go out with NOTIFY in the batch's own transaction (delivered on commit, never for a batch
 * rolled back), and every instance LISTENs. Chosen over polling a change sequence because it
 * costs the database nothing while nothing changes, arrives within milliseconds, and a
 * thousand-room fleet's steady heartbeats (which change nothing) send nothing. A lost LISTEN
 * connection is re-opened and the dashboards are sent a fresh snapshot ('resync'), since
 * what was notified meanwhile is gone. SQLite has one instance: no feed.
 *
 * A notification names what changed (rooms, issues, event numbers, device and room status);
 * the receiver reads the rows itself. PostgreSQL caps a payload at 8000 bytes: bigger
 * changes go out in several.
 */
const FLEET_CHANNEL = 'roomctl_fleet';
const MAX_PAYLOAD = 7000;
const NOTIFICATIONS_PER_STATEMENT = 50;

interface Wire {
  o: string;
  r: string[];
  i: string[];
  e: number[];
  d: FleetChanges['devices'];
  s: FleetChanges['roomStatus'];
  /** Devices reported down again (the alert rules start over for one whose issue was resolved by hand). */
  p: FleetChanges['repeated'];
  h: FleetChanges['resolvedByHand'];
}

export async function announceChanges(sql: FleetSqlTx, origin: string, changes: FleetChanges): Promise<void> {
  if (sql.dialect !== 'postgres') return;
  const items: Array<[keyof Omit<Wire, 'o'>, unknown]> = [
    ...[...changes.rooms].map((r) => ['r', r] as [keyof Omit<Wire, 'o'>, unknown]),
    ...[...changes.issues].map((i) => ['i', i] as [keyof Omit<Wire, 'o'>, unknown]),
    ...changes.events.map((e) => ['e', e.seq] as [keyof Omit<Wire, 'o'>, unknown]),
    ...changes.devices.map((d) => ['d', d] as [keyof Omit<Wire, 'o'>, unknown]),
    ...changes.roomStatus.map((s) => ['s', s] as [keyof Omit<Wire, 'o'>, unknown]),
    // Only the devices still down: a degraded device repeats its status with each minute's metrics.
    ...changes.repeated.filter((d) => isDown(d.status)).map((d) => ['p', d] as [keyof Omit<Wire, 'o'>, unknown]),
    ...changes.resolvedByHand.map((h) => ['h', h] as [keyof Omit<Wire, 'o'>, unknown]),
  ];
  if (items.length === 0) return;
  const fresh = (): Wire => ({ o: origin, r: [], i: [], e: [], d: [], s: [], p: [], h: [] });
  const payloads: string[] = [];
  let wire = fresh();
  let size = 100;
  for (const [key, value] of items) {
    const length = JSON.stringify(value).length + 1;
    if (size + length > MAX_PAYLOAD) {
      payloads.push(JSON.stringify(wire));
      wire = fresh();
      size = 100;
    }
    (wire[key] as unknown[]).push(value);
    size += length;
  }
  payloads.push(JSON.stringify(wire));
  // Many notifications per statement: a batch that registers thousands of devices needs dozens, each a round trip before.
  for (let i = 0; i < payloads.length; i += NOTIFICATIONS_PER_STATEMENT) {
    const chunk = payloads.slice(i, i + NOTIFICATIONS_PER_STATEMENT);
    await sql.query(`SELECT pg_notify(?, p.column1) FROM (VALUES ${chunk.map(() => '(?)').join(', ')}) AS p`, [FLEET_CHANNEL, ...chunk]);
  }
}

/** Arbitrary, fixed: the advisory lock the instance that runs the alert rules holds. */
const ALERT_LEADER_LOCK = 0x616c7274;

/**
 * Emits 'changes' (FleetChanges another instance committed), 'resync' (notifications may have
 * been lost) and 'lost' (the connection went, and with it the alert lead if this instance had it).
 */
export class FleetChangeFeed extends EventEmitter {
  private client: pg.PoolClient | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly sql: PostgresFleetSql,
    private readonly origin: string,
    private readonly loadEvents: (seqs: number[]) => Promise<FleetEvent[]>,
    private readonly log: Pick<Logger, 'warn'>,
  ) {
    super();
  }

  /** The feed for a PostgreSQL store; undefined for SQLite (one instance, nothing to hear). */
  static async start(
    sql: FleetSql,
    origin: string,
    loadEvents: (seqs: number[]) => Promise<FleetEvent[]>,
    log: Pick<Logger, 'warn'>,
  ): Promise<FleetChangeFeed | undefined> {
    if (sql.dialect !== 'postgres') return undefined;
    const feed = new FleetChangeFeed(sql as PostgresFleetSql, origin, loadEvents, log);
    await feed.listen();
    return feed;
  }

  private async listen(): Promise<void> {
    const client = await this.sql.pool.connect();
    this.client = client;
    client.on('notification', (n) => {
      if (n.channel === FLEET_CHANNEL && n.payload) void this.receive(n.payload);
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.release(true);
      this.emit('lost');
      if (this.closed) return;
      this.log.warn({ err: err?.message }, 'the fleet lost its change feed from the database; listening again');
      this.retry = setTimeout(() => void this.reopen(), 1000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.query(`LISTEN ${FLEET_CHANNEL}`);
  }

  /**
   * Takes the alert lead if no other instance has it: a session advisory lock on the feed's
   * own connection, so it goes the moment this instance dies or loses the database.
   */
  async tryLead(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [ALERT_LEADER_LOCK]);
    return rows[0]?.ok === true;
  }

  private async reopen(): Promise<void> {
    try {
      await this.listen();
      this.emit('resync');
    } catch (err) {
      if (!this.closed) this.retry = setTimeout(() => void this.reopen(), 1000);
      this.log.warn({ err: (err as Error).message }, 'the fleet cannot listen for changes yet');
    }
  }

  private async receive(payload: string): Promise<void> {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (wire.o === this.origin) return;
    const changes = emptyChanges();
    for (const r of wire.r ?? []) changes.rooms.add(r);
    for (const i of wire.i ?? []) changes.issues.add(i);
    changes.devices.push(...(wire.d ?? []));
    changes.roomStatus.push(...(wire.s ?? []));
    changes.repeated.push(...(wire.p ?? []));
    changes.resolvedByHand.push(...(wire.h ?? []));
    try {
      changes.events = await this.loadEvents(wire.e ?? []);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'the fleet could not read events another instance stored');
    }
    this.emit('changes', changes);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${FLEET_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}
