/**
 * What provisioning installs, as data: files, folders, a user, and the commands that make
 * the system notice them. Built first, then shown (`--dry-run`) or applied; applying it twice
 * changes nothing the second time because every step is compared with what is there.
 * Paths are the machine's own (`/etc/roomctl/room.yaml`); `--root` prefixes them when applied.
 */
export type Owner = 'root' | 'service';

export interface FileStep {
  kind: 'file';
  path: string;
  content: string;
  mode: number;
  owner: Owner;
  /** Content not shown by --dry-run (keys, passwords). */
  secret?: boolean;
  /** What the file is, for the plan. */
  purpose: string;
  /** Said after the file's change line, when it changes (a kept file written fresh: what of IT's that dropped). */
  note?: string;
  /** Steps tagged so commands can run only when a file of that tag changed. */
  tag?: 'config' | 'udev' | 'unit';
}

export interface DirStep {
  kind: 'dir';
  path: string;
  mode: number;
  owner: Owner;
  purpose: string;
}

export interface UserStep {
  kind: 'user';
  name: string;
  home: string;
  createHome: boolean;
  purpose: string;
  /** Supplementary groups (added outside --root only; a test root has no such groups). */
  groups?: string[];
}

export interface CommandStep {
  kind: 'command';
  argv: string[];
  /** The same command against a --root, or null when it only makes sense on a live system. */
  underRoot: ((root: string) => string[]) | null;
  /** Run only when a file with one of these tags changed; always when absent. */
  onlyIfChanged?: FileStep['tag'][];
  /** Skip when this check passes (e.g. the unit is already enabled). */
  unlessCheck?: { argv: string[]; underRoot: ((root: string) => string[]) | null };
  purpose: string;
}

/**
 * A unit that must be gone, with its files (a part turned off in the answers): disabled (and
 * stopped, on the machine itself) while its unit file is still there to say what to undo, then
 * its files removed. Nothing to do when none of them is there, so a second run changes nothing.
 */
export interface RetireStep {
  kind: 'retire';
  unit: string;
  unitFile: string;
  /** The other files that go with it. */
  files: string[];
  purpose: string;
}

export type InstallStep = FileStep | DirStep | UserStep | CommandStep | RetireStep;

export interface InstallPlan {
  serviceUser: string;
  steps: InstallStep[];
}

export const formatMode = (mode: number) => mode.toString(8).padStart(4, '0');
