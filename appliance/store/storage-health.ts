import { TypedBus } from '../model/typed-bus.js';
import { statfsSync } from 'node:fs';
import { RoomctlError } from '../../drivers/core/errors.js';

/** What the room can still save, as /api/v1/status and the stream say it. */
interface StorageView {
  /** ok: writes go through; low: free space under the reserve; full: a write failed for lack of space or a broken disk. */
  state: 'ok' | 'low' | 'full';
  /** Free bytes in the data folder's file system (null when it cannot be read). */
  freeBytes: number | null;
  /** The last storage failure, in words a person can act on; null while ok. */
  detail: string | null;
  /**
   * What failed, coded: ROOMCTL_E_STORAGE_TELEMETRY_HELD while telemetry's writes are refused
   * (its messages held in memory, lost past its bounds), else ROOMCTL_E_STORAGE for a refused
   * write; null while ok or low.
   */
  code: StorageFailureCode | null;
  /** ISO time the state last changed. */
  since: string;
}

/** The codes of a storage failure the status names. */
export const TELEMETRY_HELD = 'ROOMCTL_E_STORAGE_TELEMETRY_HELD';
type StorageFailureCode = 'ROOMCTL_E_STORAGE' | typeof TELEMETRY_HELD;

// SQLite's own words for "the disk said no" (better-sqlite3 puts them in err.code), and the file system's.
const SQLITE_STORAGE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;
const FS_STORAGE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);
/** Free space under 1 % of the file system (at least 256 KiB, at most 64 MiB) is "low": say so before writes fail. */
const MIN_RESERVE = 256 * 1024;
const MAX_RESERVE = 64 * 1024 * 1024;

/** True for errors that mean the data folder refused a write (full, read-only, failing disk). */
export function isStorageFailure(err: unknown): boolean {
  if (err instanceof RoomctlError) return err.code === 'ROOMCTL_E_STORAGE';
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (SQLITE_STORAGE.test(code) || FS_STORAGE.has(code));
}

/** The coded error a client sees when its write could not be saved. */
export function storageError(err: unknown): RoomctlError {
  if (err instanceof RoomctlError) return err;
  const code = String((err as { code?: unknown }).code ?? 'unknown');
  const what = /FULL|ENOSPC|EDQUOT/.test(code) ? 'the data folder is full' : 'the data folder refused the write';
  return new RoomctlError(
    'ROOMCTL_E_STORAGE',
    `Not saved: ${what} (${code}). The room keeps running; free space in storage.dir.`,
    { storageCode: code },
    { cause: err },
  );
}

/**
 * Watches the data folder: free space (statfs, every `checkMs`) and the write failures the
 * API and background jobs report. Emits 'change' (StorageView) when the state changes, so the
 * panel and the status say what the room cannot do instead of the room falling over.
 */
export class StorageHealth extends TypedBus<{ change: [StorageView] }> {
  private current: StorageView;
  private failure: string | null = null;
  /** While telemetry's writes are refused: what it means for its messages (cleared by telemetry, not by the probe). */
  private telemetryHeld: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private reserveBytes: number;
  private readonly fixedReserve: boolean;
  private readonly probe: (() => void) | undefined;

  /**
   * `probe` makes one tiny write; while a failure stands it is tried on every check, and
   * the failure clears once it goes through (and, for a full disk, space is back over the reserve).
   */
  constructor(
    private readonly dir: string,
    options: { reserveBytes?: number; checkMs?: number; probe?: () => void } = {},
  ) {
    super();
    this.fixedReserve = options.reserveBytes !== undefined;
    this.reserveBytes = options.reserveBytes ?? MIN_RESERVE;
    this.probe = options.probe;
    this.current = { state: 'ok', freeBytes: null, detail: null, code: null, since: new Date().toISOString() };
    this.refresh();
    this.timer = setInterval(() => this.refresh(), options.checkMs ?? 5000);
    this.timer.unref();
  }

  view(): StorageView {
    return this.current;
  }

  /** A write failed; returns true when it was a storage failure (now recorded). */
  noteFailure(err: unknown): boolean {
    if (!isStorageFailure(err)) return false;
    this.failure = storageError(err).message;
    this.refresh(false);
    return true;
  }

  /**
   * Telemetry's outbox had a write refused (`detail` says what becomes of its messages), or
   * writes again (null): the status says so, coded, until telemetry writes again.
   */
  noteTelemetryHeld(detail: string | null): void {
    this.telemetryHeld = detail;
    this.refresh(false);
  }

  /** Re-reads the free space, retries the probe write while failing, and settles the state. */
  refresh(retry = true): StorageView {
    let freeBytes: number | null = null;
    try {
      const fs = statfsSync(this.dir);
      freeBytes = Number(fs.bavail) * Number(fs.bsize);
      if (!this.fixedReserve) this.reserveBytes = Math.min(MAX_RESERVE, Math.max(MIN_RESERVE, Number(fs.blocks) * Number(fs.bsize) * 0.01));
    } catch {
      freeBytes = null;
    }
    if (retry && this.failure !== null && (freeBytes === null || freeBytes >= this.reserveBytes)) this.retry();
    // Telemetry's words first: they say what is being lost, and a refused write of its own is behind them.
    const failure: { code: StorageFailureCode; detail: string } | null =
      this.telemetryHeld !== null
        ? { code: TELEMETRY_HELD, detail: this.telemetryHeld }
        : this.failure !== null
          ? { code: 'ROOMCTL_E_STORAGE', detail: this.failure }
          : null;
    const state: StorageView['state'] = failure ? 'full' : freeBytes !== null && freeBytes < this.reserveBytes ? 'low' : 'ok';
    const detail = failure?.detail ?? (state === 'low' ? `Only ${Math.round((freeBytes ?? 0) / 1024)} KiB free in the data folder` : null);
    const code = failure?.code ?? null;
    if (state !== this.current.state || detail !== this.current.detail || code !== this.current.code) {
      this.current = { state, freeBytes, detail, code, since: state !== this.current.state ? new Date().toISOString() : this.current.since };
      this.emit('change', this.current);
    } else {
      this.current = { ...this.current, freeBytes };
    }
    return this.current;
  }

  private retry(): void {
    if (!this.probe) return;
    try {
      this.probe();
      this.failure = null;
    } catch (err) {
      if (isStorageFailure(err)) this.failure = storageError(err).message;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
