import { createHash, randomBytes } from 'node:crypto';
import { RoomctlError } from '../drivers/core/errors.js';
import type { FleetSql } from './fleet-sql.js';

export type OperatorRole = 'operator' | 'admin';

interface FleetOperator {
  name: string;
  role: OperatorRole;
  createdAt: string;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()'-]{0,79}$/u;

/**
 * Facilities staff, each with their own token: the record of an issue says who acknowledged,
 * assigned and resolved it because the token says who is asking (never a name in the body).
 * Only a SHA-256 of each token is stored: the tokens are 144 random bits, so a plain hash
 * cannot be guessed back, and a stolen database holds no usable credential.
 */
export class FleetOperators {
  constructor(private readonly sql: FleetSql) {}

  /** Adds an operator and returns their token (shown once; only its hash is kept). */
  async add(name: string, role: OperatorRole = 'operator', at = new Date()): Promise<string> {
    const clean = name.trim();
    if (!NAME.test(clean))
      throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `An operator's name is 1-80 letters, digits, spaces and . _ ( ) ' -, got ${JSON.stringify(name)}`);
    const token = `op_${randomBytes(18).toString('base64url')}`;
    const existing = await this.sql.query<{ name: string }>('SELECT name FROM fleet_operators WHERE name = ?', [clean]);
    if (existing.length)
      throw new RoomctlError('ROOMCTL_E_OPERATOR_EXISTS', `An operator named "${clean}" exists already; remove them first to issue a new token`);
    await this.sql.run('INSERT INTO fleet_operators (name, token_hash, role, created_at) VALUES (?, ?, ?, ?)', [
      clean,
      hashToken(token),
      role,
      at.toISOString(),
    ]);
    return token;
  }

  async remove(name: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM fleet_operators WHERE name = ?', [name.trim()])).changes > 0;
  }

  async list(): Promise<FleetOperator[]> {
    return this.sql.query<FleetOperator>('SELECT name, role, created_at AS "createdAt" FROM fleet_operators ORDER BY name');
  }

  /** Who holds this token, or undefined. The lookup is by hash, so its time says nothing about the token. */
  async byToken(token: string): Promise<{ name: string; role: OperatorRole } | undefined> {
    const rows = await this.sql.query<{ name: string; role: OperatorRole }>('SELECT name, role FROM fleet_operators WHERE token_hash = ?', [hashToken(token)]);
    return rows[0];
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
