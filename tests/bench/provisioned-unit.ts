import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { provision } from '../../provisioning/provision.js';
import { startRoomLab } from '../../provisioning/testing/room-lab.js';
import { execStartOf } from '../../provisioning/testing/unit-process.js';

/**
 * The idle RSS of a provisioned room, started with its unit's own ExecStart line (node, its
 * flags, the installed roomctl: dist/ when built), with four devices on simulators in this
 * process. Only the data folder moves into the --root (the unit would write /var/lib/roomctl).
 */
export async function provisionedUnitIdleRss(idleSeconds: number, rssMb: (pid: number) => Promise<number>): Promise<number> {
  const lab = await startRoomLab({ viscaCameras: 2, mdc: true });
  try {
    await provision({
      answers: lab.answers({ api: { listen: '127.0.0.1:0' } }),
      root: lab.root,
      discovery: lab.deps,
      doctor: false,
      out: () => undefined,
      progress: () => undefined,
    });
    const argv = execStartOf(await readFile(join(lab.root, 'etc/systemd/system/roomctl.service'), 'utf8'));
    const config = parse(await readFile(join(lab.root, 'etc/roomctl/room.yaml'), 'utf8')) as Record<string, unknown>;
    config.storage = { dir: join(lab.root, 'var/lib/roomctl') };
    const configPath = join(lab.root, 'etc/roomctl/room-bench.yaml');
    await writeFile(configPath, stringify(config));
    const child = spawn(
      argv[0]!,
      argv.slice(1).map((a) => (a === '/etc/roomctl/room.yaml' ? configPath : a)),
      { env: { ...process.env, JOURNAL_STREAM: 'bench' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('"room ready"') && resolve());
      child.once('exit', (code) => reject(new Error(`the unit's process exited (${code}) before it was ready`)));
    });
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const rss = await rssMb(child.pid!);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    return rss;
  } finally {
    await lab.close();
  }
}
