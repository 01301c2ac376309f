import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The data folder holds door secrets, meeting codes, confidential minutes, stills and
 * recordings: what roomctl creates there is for the service user alone (folders 0700, files
 * 0600), whether or not provisioning made the folder first. A folder that is already there
 * loses what it gives to others and keeps its group (provisioning's 0750 is deliberate).
 */
export const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700; takes read/write/search for others off an existing one. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const mode = statSync(dir).mode & 0o7777;
  if (mode & 0o007) chmodSync(dir, mode & ~0o007);
}

/**
 * An SQLite database file that only its owner can read: created empty with 0600 before SQLite
 * opens it (SQLite gives its -wal and -shm files the database file's mode), and tightened to
 * 0600 when an earlier version left it, or its -wal/-shm, readable by others.
 */
export function preparePrivateDatabaseFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, mode & PRIVATE_FILE_MODE);
  }
}
