import { access, chmod, chown, constants, mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RoomctlError } from '../../drivers/core/errors.js';
import { formatMode, type CommandStep, type DirStep, type FileStep, type InstallPlan, type Owner, type UserStep } from './install-plan.js';
import { describeRetirement, forgetRetired, pendingRetirements, retire } from './retire-unit.js';
import { findUser, mustRun, readIfExists, runCommand, statIfExists, targetPath, type CommandRunner, type SystemUser } from './system-state.js';

interface ApplyOptions {
  root?: string;
  dryRun?: boolean;
  run?: CommandRunner;
  out(line: string): void;
}

interface ApplyResult {
  /** One line per change made (or, with --dry-run, that would be made). */
  changes: string[];
  /** Commands not run because they only make sense on a live system (--root), or their program is missing there. */
  skipped: string[];
}

interface JournalEntry {
  did: string;
  undo(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** Applies a plan: compare, stage, commit, then tell the system. Every step is journalled so a failure undoes what was done. */
export async function applyPlan(plan: InstallPlan, options: ApplyOptions): Promise<ApplyResult> {
  const { root, out } = options;
  const run = options.run ?? runCommand;
  const canChown = isRoot();
  if (!options.dryRun) assertMayInstall(root);
  const changes: string[] = [];
  const skipped: string[] = [];
  let serviceUser = await findUser(root, plan.serviceUser);
  const ownerIds = (owner: Owner): SystemUser | undefined => (owner === 'root' ? { name: 'root', uid: 0, gid: 0 } : serviceUser);

  // 1. Compare: what differs from the plan.
  const users = plan.steps.filter((s): s is UserStep => s.kind === 'user');
  const dirs = plan.steps.filter((s): s is DirStep => s.kind === 'dir');
  const files = plan.steps.filter((s): s is FileStep => s.kind === 'file');
  const commands = plan.steps.filter((s): s is CommandStep => s.kind === 'command');
  const missingUsers: UserStep[] = [];
  for (const u of users) if (!(await findUser(root, u.name))) missingUsers.push(u);

  const sameAttrs = async (path: string, mode: number, owner: Owner) => {
    const info = await statIfExists(path);
    if (!info) return { exists: false, same: false };
    const ids = ownerIds(owner);
    const ownerOk = !canChown || (ids !== undefined && info.uid === ids.uid && info.gid === ids.gid);
    return { exists: true, same: (info.mode & 0o7777) === mode && ownerOk, isDir: info.isDirectory() };
  };
  const dirChanges: { step: DirStep; exists: boolean }[] = [];
  for (const d of dirs) {
    const state = await sameAttrs(targetPath(root, d.path), d.mode, d.owner);
    if (!state.same) dirChanges.push({ step: d, exists: state.exists });
  }
  const fileChanges: { step: FileStep; exists: boolean; contentChanged: boolean }[] = [];
  for (const f of files) {
    const path = targetPath(root, f.path);
    const current = await readIfExists(path).catch(() => undefined);
    const attrs = await sameAttrs(path, f.mode, f.owner);
    if (current !== f.content || !attrs.same) fileChanges.push({ step: f, exists: attrs.exists, contentChanged: current !== f.content });
  }
  const changedTags = new Set(fileChanges.filter((c) => c.contentChanged).map((c) => c.step.tag));
  const retirements = await pendingRetirements(plan.steps, root);
  // A unit file removed is a unit file changed: systemd must read its units again.
  if (retirements.length > 0) changedTags.add('unit');

  for (const u of missingUsers) changes.push(`create system user ${u.name} (${u.purpose})`);
  for (const { step, exists } of dirChanges)
    changes.push(
      `${exists ? 'fix mode/owner of' : 'create folder'} ${step.path} (${formatMode(step.mode)} ${step.owner === 'root' ? 'root' : plan.serviceUser}) — ${step.purpose}`,
    );
  for (const { step, exists, contentChanged } of fileChanges) {
    const verb = !exists ? 'create' : contentChanged ? 'update' : 'fix mode/owner of';
    const note = contentChanged && step.note ? ` — ${step.note}` : '';
    changes.push(`${verb} ${step.path} (${formatMode(step.mode)} ${step.owner === 'root' ? 'root' : plan.serviceUser}) — ${step.purpose}${note}`);
  }
  for (const r of retirements) {
    const { disable, removals } = describeRetirement(r, root);
    // Run for real, the disable is listed once it ran (or as skipped): under --root systemctl may be missing.
    if (disable && options.dryRun) changes.push(disable);
    changes.push(...removals);
  }

  if (options.dryRun) {
    out(changes.length ? 'Would change:' : 'Nothing to change: the machine already matches the plan.');
    for (const line of changes) out(`  ${line}`);
    for (const { step, contentChanged } of fileChanges) {
      if (!contentChanged) continue;
      out(`\n--- ${step.path}${step.secret ? ' (secret: content not shown)' : ''}`);
      if (!step.secret)
        out(
          step.content
            .replace(/\n$/, '')
            .split('\n')
            .map((l) => `    ${l}`)
            .join('\n'),
        );
    }
    const planned = commands.map((c) => `  ${describeCommand(c, root)}`);
    if (planned.length) out(`\nThen, when needed:\n${planned.join('\n')}`);
    return { changes, skipped };
  }

  // 2. Preflight: every folder we must create has a writable parent, before anything is touched.
  const parents = [...fileChanges.map((f) => f.step.path), ...retirements.flatMap((r) => r.present)].map((path) => dirname(path));
  for (const path of [...dirChanges.map((d) => d.step.path), ...parents]) await assertCreatable(targetPath(root, path));
  for (const { step, exists } of fileChanges) if (exists) await assertReplaceable(targetPath(root, step.path));

  // 3. Stage and commit, journalled.
  const journal: JournalEntry[] = [];
  const temps = new Map<FileStep, string>();
  try {
    // useradd --prefix edits <root>/etc/passwd and needs the folder there. In a bare test root
    // it creates the account files too (and userdel leaves backups): undo those as well.
    if (root && missingUsers.length > 0) {
      await mkdirJournalled(targetPath(root, '/etc'), journal);
      for (const name of ['passwd', 'group', 'shadow', 'gshadow', 'passwd-', 'group-', 'shadow-', 'gshadow-']) {
        const path = targetPath(root, `/etc/${name}`);
        if (!(await statIfExists(path))) journal.push({ did: `account file ${path}`, undo: () => rm(path, { force: true }) });
      }
    }
    for (const u of missingUsers) {
      const prefix = root ? ['--prefix', root] : [];
      const argv = [
        'useradd',
        ...prefix,
        '--system',
        '--user-group',
        '--home-dir',
        u.home,
        u.createHome ? '--create-home' : '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        '--comment',
        u.purpose,
        u.name,
      ];
      await mustRun(run, argv);
      journal.push({
        did: `created user ${u.name}`,
        undo: () => mustRun(run, ['userdel', ...prefix, ...(u.createHome ? ['--remove'] : []), u.name]).then(() => undefined),
      });
      if (u.groups?.length && !root) await mustRun(run, ['usermod', '--append', '--groups', u.groups.join(','), u.name]);
      else if (u.groups?.length) skipped.push(`usermod --append --groups ${u.groups.join(',')} ${u.name} (the test root has no such groups)`);
    }
    serviceUser = await findUser(root, plan.serviceUser);
    const setOwner = async (path: string, owner: Owner) => {
      const ids = ownerIds(owner);
      if (canChown && ids) await chown(path, ids.uid, ids.gid);
    };
    for (const { step } of dirChanges) {
      const path = targetPath(root, step.path);
      const before = await statIfExists(path);
      await mkdirJournalled(path, journal);
      if (before) {
        journal.push({
          did: `set mode/owner of ${path}`,
          undo: async () => {
            await chmod(path, before.mode & 0o7777);
            if (canChown) await chown(path, before.uid, before.gid);
          },
        });
      }
      await chmod(path, step.mode);
      await setOwner(path, step.owner);
    }
    for (const { step } of fileChanges) {
      const path = targetPath(root, step.path);
      await mkdirJournalled(dirname(path), journal);
      const temp = join(dirname(path), `.${basename(path)}.roomctl-new`);
      // The mode is set before the content goes in: a secret is never readable by others, not even for a moment.
      await writeFile(temp, '', { mode: step.mode });
      await chmod(temp, step.mode);
      await setOwner(temp, step.owner);
      await writeFile(temp, step.content);
      temps.set(step, temp);
      journal.push({ did: `staged ${temp}`, undo: () => rm(temp, { force: true }) });
    }
    for (const r of retirements) await retire(r, { root, run, journal, changes, skipped });
    for (const { step, exists } of fileChanges) {
      const path = targetPath(root, step.path);
      const backup = join(dirname(path), `.${basename(path)}.roomctl-old`);
      if (exists) {
        await rename(path, backup);
        journal.push({ did: `moved aside ${path}`, undo: () => rename(backup, path) });
      }
      await rename(temps.get(step)!, path);
      journal.push({ did: `installed ${path}`, undo: () => rm(path, { force: true }) });
    }
  } catch (err) {
    const left = await rollBack(journal);
    const why = (err as Error).message;
    throw new RoomctlError(
      'ROOMCTL_E_PROVISION_WRITE',
      left.length === 0
        ? `${why}; everything this run wrote was rolled back, the machine is as it was`
        : `${why}; rolled back what could be, but these are left: ${left.join('; ')}`,
      { rolledBack: journal.length - left.length, left },
      { cause: err },
    );
  }
  for (const { step, exists } of fileChanges)
    if (exists) await rm(join(dirname(targetPath(root, step.path)), `.${basename(step.path)}.roomctl-old`), { force: true });
  await forgetRetired(retirements, root);

  // 4. Tell the system. The files are in place; a failure here says exactly what is left to run.
  const pending = [...commands];
  while (pending.length > 0) {
    const c = pending.shift()!;
    if (c.onlyIfChanged && !c.onlyIfChanged.some((t) => changedTags.has(t))) continue;
    if (root && c.underRoot === null) {
      skipped.push(`${c.argv.join(' ')} (${c.purpose}; not run under --root)`);
      continue;
    }
    const argv = root && c.underRoot ? c.underRoot(root) : c.argv;
    if (c.unlessCheck && (!root || c.unlessCheck.underRoot)) {
      const check = root && c.unlessCheck.underRoot ? c.unlessCheck.underRoot(root) : c.unlessCheck.argv;
      if ((await run(check)).code === 0) continue;
    }
    const result = await run(argv);
    if (result.missing && root) {
      skipped.push(`${argv.join(' ')} (${argv[0]} is not installed here)`);
      continue;
    }
    if (result.code !== 0) {
      const rest = [argv.join(' '), ...pending.map((p) => p.argv.join(' '))];
      throw new RoomctlError(
        'ROOMCTL_E_PROVISION_WRITE',
        `files are installed, but \`${argv.join(' ')}\` failed (${result.stderr.trim() || `exit ${result.code}`}); left to do: ${rest.join(' && ')}`,
        { left: rest },
      );
    }
    changes.push(`ran ${argv.join(' ')} — ${c.purpose}`);
  }
  return { changes, skipped };
}

function describeCommand(c: CommandStep, root: string | undefined): string {
  if (root && c.underRoot === null) return `(skipped under --root) ${c.argv.join(' ')} — ${c.purpose}`;
  const argv = root && c.underRoot ? c.underRoot(root) : c.argv;
  return `${argv.join(' ')} — ${c.purpose}${c.onlyIfChanged ? ` (if ${c.onlyIfChanged.join('/')} changed)` : ''}`;
}

/** Creates a folder and its missing parents, journalling each one it made. */
async function mkdirJournalled(path: string, journal: JournalEntry[]): Promise<void> {
  const missing: string[] = [];
  for (let p = path; !(await statIfExists(p)); p = dirname(p)) missing.unshift(p);
  for (const p of missing) {
    await mkdir(p);
    journal.push({ did: `created ${p}`, undo: () => rmdir(p) });
  }
}

/** The nearest existing ancestor must be a folder we may write in, or nothing can be created below it. */
async function assertCreatable(path: string): Promise<void> {
  let p = path;
  let info = await statIfExists(p).catch(() => undefined);
  while (!info) {
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
    info = await statIfExists(p).catch(() => undefined);
  }
  if (info && !info.isDirectory()) {
    throw new RoomctlError('ROOMCTL_E_PROVISION_WRITE', `cannot create ${path}: ${p} is a file, not a folder; nothing was changed`, { path: p });
  }
  await access(p, constants.W_OK).catch(() => {
    throw new RoomctlError('ROOMCTL_E_PROVISION_WRITE', `cannot create ${path}: ${p} is not writable (permission denied); nothing was changed`, { path: p });
  });
}

/**
 * A folder where a file goes cannot be renamed over: found midway, it stopped the run as a bug
 * after the other files were in place. Whatever IT keeps in it is IT's to move.
 */
async function assertReplaceable(path: string): Promise<void> {
  const info = await statIfExists(path).catch(() => undefined);
  if (info && !info.isFile()) {
    throw new RoomctlError(
      'ROOMCTL_E_PROVISION_WRITE',
      `cannot write ${path}: it is a folder, not a file; move it out of the way (keep what is in it) and run again; nothing was changed`,
      { path },
    );
  }
}

/** Without --root, provisioning writes /etc and adds a user: only root may. */
function assertMayInstall(root: string | undefined): void {
  if (root || isRoot()) return;
  throw new RoomctlError(
    'ROOMCTL_E_PROVISION_WRITE',
    'provisioning installs system files, a user and a service: run it as root (or with --root DIR to install into a folder); nothing was changed',
  );
}

/**
 * Before any device is probed: may this run install at all, and can the folders it writes into
 * be made? Probing first made IT wait through every probe to learn that nothing could be
 * written. Only folders not there yet are checked here: one that exists may need no write on a
 * rerun, and the plan's own preflight checks what does change.
 */
export async function assertInstallable(root: string | undefined, folders: readonly string[]): Promise<void> {
  assertMayInstall(root);
  for (const folder of folders) {
    const path = targetPath(root, folder);
    if (!(await statIfExists(path).catch(() => undefined))) await assertCreatable(path);
  }
}

/** Undoes the journal backwards; returns what could not be undone. */
async function rollBack(journal: JournalEntry[]): Promise<string[]> {
  const left: string[] = [];
  for (const entry of [...journal].reverse()) {
    await entry.undo().catch((err: Error) => left.push(`${entry.did} (${err.message})`));
  }
  return left;
}
