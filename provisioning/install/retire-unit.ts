import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { InstallStep, RetireStep } from './install-plan.js';
import { findUser, mustRun, statIfExists, targetPath, type CommandRunner } from './system-state.js';
import { LAYOUT } from './layout.js';

/** A retire step with something left to do: which of its files are still there. */
interface PendingRetirement {
  step: RetireStep;
  present: string[];
  unitFilePresent: boolean;
}

/** The steps whose unit or files are still on the target; none when the part was never installed or is gone already. */
export async function pendingRetirements(steps: InstallStep[], root: string | undefined): Promise<PendingRetirement[]> {
  const pending: PendingRetirement[] = [];
  for (const step of steps.filter((s): s is RetireStep => s.kind === 'retire')) {
    const present: string[] = [];
    for (const path of [step.unitFile, ...step.files]) if (await statIfExists(targetPath(root, path)).catch(() => undefined)) present.push(path);
    if (present.length > 0) pending.push({ step, present, unitFilePresent: present.includes(step.unitFile) });
  }
  return pending;
}

const systemctl = (root: string | undefined, ...args: string[]) => (root ? ['systemctl', `--root=${root}`, ...args] : ['systemctl', ...args]);
/** On the machine itself the unit is stopped too; under --root nothing runs, so only its boot links go. */
const disableArgv = (unit: string, root: string | undefined) => (root ? systemctl(root, 'disable', unit) : systemctl(root, 'disable', '--now', unit));

/** What the plan shows for a retirement: the unit disabled first (while its file says what to undo), then each file removed. */
export function describeRetirement(r: PendingRetirement, root: string | undefined): { disable?: string; removals: string[] } {
  const { unit, purpose } = r.step;
  return {
    ...(r.unitFilePresent
      ? {
          disable: `${root ? 'disable' : 'disable and stop'} ${unit} (${disableArgv(unit, root).join(' ')}${root ? '; nothing is stopped under --root' : ''}) — ${purpose}`,
        }
      : {}),
    removals: r.present.map((path) => `remove ${path} — ${purpose}`),
  };
}

const asideOf = (path: string) => join(dirname(path), `.${basename(path)}.roomctl-old`);

interface RetireContext {
  root: string | undefined;
  run: CommandRunner;
  /** The apply's journal: each entry is undone, newest first, when a later step fails. */
  journal: { did: string; undo(): Promise<void> }[];
  changes: string[];
  skipped: string[];
}

/**
 * Disables (and stops) the unit, then moves its files aside; `forgetRetired` deletes them once
 * the whole install went through. A rollback moves the files back and enables (and starts) the
 * unit again only if it was enabled (or running) before.
 */
export async function retire(r: PendingRetirement, c: RetireContext): Promise<void> {
  const { unit, purpose } = r.step;
  if (r.unitFilePresent) {
    const enabled = await c.run(systemctl(c.root, 'is-enabled', '--quiet', unit));
    if (enabled.missing && c.root) {
      c.skipped.push(`${disableArgv(unit, c.root).join(' ')} (systemctl is not installed here)`);
    } else {
      const wasActive = !c.root && (await c.run(systemctl(c.root, 'is-active', '--quiet', unit))).code === 0;
      await mustRun(c.run, disableArgv(unit, c.root));
      c.journal.push({
        did: `disabled ${unit}`,
        undo: async () => {
          if (enabled.code === 0) await mustRun(c.run, systemctl(c.root, 'enable', unit));
          if (wasActive) await mustRun(c.run, systemctl(c.root, 'start', unit));
        },
      });
      c.changes.push(`ran ${disableArgv(unit, c.root).join(' ')} — ${purpose}`);
    }
  }
  for (const path of r.present) {
    const full = targetPath(c.root, path);
    await rename(full, asideOf(full));
    c.journal.push({ did: `moved aside ${full}`, undo: () => rename(asideOf(full), full) });
  }
}

/** After a successful install: the retired files moved aside are deleted for good. */
export async function forgetRetired(retired: PendingRetirement[], root: string | undefined): Promise<void> {
  for (const r of retired) for (const path of r.present) await rm(asideOf(targetPath(root, path)), { force: true });
}

/**
 * The kiosk turned off leaves its system user and home (the browser's profile), as a removed
 * Debian package leaves its system user: files that user owns may be elsewhere too, and a user
 * made later would be given its id and them; nor could a failed run give the profile back. Said
 * once, on the run that retires the kiosk, with the command that removes them for good.
 */
export async function kioskUserLeftNote(kioskOn: boolean, kioskUser: string, root: string | undefined): Promise<string | undefined> {
  if (kioskOn || !(await statIfExists(targetPath(root, LAYOUT.kioskUnit)).catch(() => undefined))) return undefined;
  if (!(await findUser(root, kioskUser))) return undefined;
  return `${kioskUser}: the kiosk's system user and its home /var/lib/${kioskUser} (the browser's profile) stay, as a removed package leaves its system user; \`userdel --remove ${kioskUser}\` removes them (turning the kiosk on again reuses the user)`;
}
