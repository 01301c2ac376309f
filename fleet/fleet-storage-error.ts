import { isRoomctlError, RoomctlError } from '../drivers/core/errors.js';
import { isStorageFailure } from '../appliance/store/storage-health.js';

/**
 * PostgreSQL's words for "the database could not take the write": a connection lost or refused
 * (SQLSTATE class 08, the server shutting down 57P01–57P03), no room left (class 53: disk full,
 * out of memory, too many connections), a read-only server (25006), a failing disk (58030,
 * XX001, XX002), and the client's own network codes and words when it lost the server.
 */
const PG_STORAGE = /^(08|53|57P0[1-3]$|25006$|58030$|XX00[12]$)/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const CLIENT_LOST = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

function isDatabaseFailure(err: unknown): boolean {
  if (isStorageFailure(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (PG_STORAGE.test(code) || NETWORK.has(code))) return true;
  return err instanceof Error && CLIENT_LOST.test(err.message);
}

/**
 * How the fleet's API says a write its database refused after it started: the fleet's own code,
 * naming its database (`--data`'s fleet.sqlite or the `--database` URL without its password),
 * never the room's storage.dir. Anything else is left to the shared handler (undefined).
 */
export function fleetStorageFailure(database: string): (err: unknown) => RoomctlError | undefined {
  return (err) => {
    if (!isDatabaseFailure(err)) return undefined;
    // The store's own coded failure carries the driver's error as its cause: its code is the one to show.
    const cause = isRoomctlError(err) && err.cause !== undefined ? err.cause : err;
    const code = String((cause as { code?: unknown } | null)?.code ?? 'no code');
    const what = /FULL|ENOSPC|EDQUOT|^53100$/.test(code) ? 'is full' : 'refused the write';
    return new RoomctlError(
      'ROOMCTL_E_FLEET_STORAGE',
      `Not saved: the fleet database ${database} ${what} (${code}: ${(cause as Error)?.message ?? String(cause)}). The fleet keeps running.`,
      { database, storageCode: code },
      { cause: err },
    );
  };
}
