import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORDING_ID, type RecordingsRepository } from './recordings-repository.js';

interface RetentionRule {
  retentionDays: number;
  maxTotalMB: number;
}

export interface RetentionResult {
  deleted: string[];
  keptBytes: number;
}

/**
 * The recordings' retention rule: anything older than `retentionDays` goes, then the
 * oldest go until the rest fits in `maxTotalMB`. The recording in progress is never
 * touched. Files go first, then the row, so a crash in between leaves a row pointing at
 * nothing (listed as empty) rather than files nobody can find.
 */
export async function purgeRecordings(
  repo: RecordingsRepository,
  dir: string,
  rule: RetentionRule,
  now: Date,
  activeId: string | null,
): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - rule.retentionDays * 86_400_000).toISOString();
  const all = repo.oldestFirst().filter((r) => r.id !== activeId && r.status !== 'recording');
  const active = repo.oldestFirst().find((r) => r.id === activeId);
  let total = all.reduce((sum, r) => sum + r.bytes, 0) + (active?.bytes ?? 0);
  const limit = rule.maxTotalMB * 2 ** 20;
  const deleted: string[] = [];
  for (const recording of all) {
    const expired = recording.startedAt < cutoff;
    if (!expired && total <= limit) continue;
    if (!(await deleteRecording(repo, dir, recording.id))) continue;
    total -= recording.bytes;
    deleted.push(recording.id);
  }
  return { deleted, keptBytes: total };
}

/** Files first, then the row; only ids of our own making ever name a folder. */
export async function deleteRecording(repo: RecordingsRepository, dir: string, id: string): Promise<boolean> {
  if (!RECORDING_ID.test(id)) return false;
  await rm(join(dir, id), { recursive: true, force: true });
  repo.delete(id);
  return true;
}
