import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { ROOMCTL_FROM_SOURCE } from './built-cli.js';

/**
 * A room in a child process (appliance-child.js) on the room config at `configPath`: from the
 * build when it is fresh, else from the source. Its stdin takes the child's commands, its stdout
 * says `URL …` and `READY`.
 */
export function spawnApplianceChild(configPath: string, options: { meetingTickMs?: number } = {}): ChildProcess {
  return spawn(process.execPath, [join(PROJECT_ROOT, 'tests/helpers/appliance-child.js'), configPath, JSON.stringify(options)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ROOMCTL_FROM_SOURCE },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}
