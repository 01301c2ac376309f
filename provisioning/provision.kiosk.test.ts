import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RoomctlError } from '../drivers/core/errors.js';
import { provision, type ProvisionOutcome } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 0 });
});
afterAll(() => lab?.close());

it('plans the panel kiosk when the mini-PC drives the panel: its own user, a cage + Chromium unit, the tokened URL in a root-only file', async () => {
  let out = '';
  await provision({
    answers: lab.answers({ service: { kiosk: true } }),
    root: lab.root,
    dryRun: true,
    discovery: lab.deps,
    out: (l) => (out += `${l}\n`),
    progress: () => undefined,
  });

  expect(out).toContain('create system user roomctl-kiosk (roomctl panel kiosk)');
  expect(out).toContain('create /etc/roomctl/kiosk.env (0600 root) — kiosk panel URL (carries a token)');
  expect(out).toContain('--- /etc/roomctl/kiosk.env (secret: content not shown)');
  expect(out).toMatch(
    /--- \/etc\/systemd\/system\/roomctl-kiosk\.service\n[\s\S]*ExecStart=\/usr\/bin\/cage -- \/usr\/bin\/chromium --kiosk .*\$\{ROOMCTL_PANEL_URL\}/,
  );
  expect(out).toMatch(/systemctl --root=.* enable roomctl-kiosk\.service/);
});

it("opens the kiosk with a token of its own in api.panelTokens, kept on reruns; turned off, the kiosk and that token go and IT's own stay", async () => {
  let outcome: ProvisionOutcome | undefined;
  const run = async (kiosk: boolean, dryRun = false) => {
    let out = '';
    outcome = await provision({
      answers: lab.answers({ service: { kiosk } }),
      root: lab.root,
      dryRun,
      discovery: lab.deps,
      doctor: false,
      out: (l) => (out += `${l}\n`),
      progress: () => undefined,
    });
    return out;
  };
  // What is left of a kiosk in the root: its files, and its boot link when systemctl is here to make it.
  const KIOSK = ['etc/roomctl/kiosk.env', 'etc/systemd/system/roomctl-kiosk.service', 'etc/systemd/system/graphical.target.wants/roomctl-kiosk.service'];
  const kioskLeft = async () => {
    const left: string[] = [];
    for (const path of KIOSK) if (await lstat(join(lab.root, path)).catch(() => undefined)) left.push(path);
    return left;
  };
  const asideLeft = async () => (await readdir(lab.root, { recursive: true })).filter((p) => p.endsWith('.roomctl-old'));
  const secretsPath = join(lab.root, 'etc/roomctl/secrets.yaml');
  const api = async () => (parse(await readFile(secretsPath, 'utf8')) as { api: { tokens: string[]; panelTokens?: string[] } }).api;
  const kioskToken = async () =>
    new URL(/^ROOMCTL_PANEL_URL=(\S+)$/m.exec(await readFile(join(lab.root, 'etc/roomctl/kiosk.env'), 'utf8'))![1]!).searchParams.get('token');
  await run(true);
  const installed = outcome!.skipped.some((s) => s.includes('systemctl is not installed here')) ? KIOSK.slice(0, 2) : KIOSK;
  expect(await kioskLeft()).toEqual(installed);
  const token = await kioskToken();
  const { tokens } = await api();
  expect(await api()).toEqual({ tokens, panelTokens: [token] });
  expect(tokens).not.toContain(token);

  // IT gives the door tablet a panel token of its own, by hand; the rerun keeps both, and the kiosk keeps its own.
  const text = await readFile(secretsPath, 'utf8');
  await writeFile(secretsPath, text.replace(`  panelTokens:\n    - ${token}\n`, `  panelTokens:\n    - ${token}\n    - door-tablet-token\n`));
  await run(true);
  expect(await kioskToken()).toBe(token);
  expect(await api()).toEqual({ tokens, panelTokens: [token, 'door-tablet-token'] });

  // The dry run shows the kiosk going, unit first (disabled while its file says which links to remove), and touches nothing.
  const plan = await run(false, true);
  const disable = `systemctl --root=${lab.root} disable roomctl-kiosk.service`;
  expect(plan).toContain(
    [
      `  disable roomctl-kiosk.service (${disable}; nothing is stopped under --root) — the panel kiosk is off (service.kiosk)`,
      '  remove /etc/systemd/system/roomctl-kiosk.service — the panel kiosk is off (service.kiosk)',
      '  remove /etc/roomctl/kiosk.env — the panel kiosk is off (service.kiosk)',
    ].join('\n'),
  );
  expect(await kioskLeft()).toEqual(installed);

  // The kiosk turned off: it goes (unit, boot link, the file with its token), and so does its token; IT is told, the room's and IT's tokens stay.
  const out = await run(false);
  expect(await api()).toEqual({ tokens, panelTokens: ['door-tablet-token'] });
  expect(out).toContain('the kiosk is off (service.kiosk), so its token is removed from api.panelTokens: the room refuses it from now on');
  // Its system user and home stay (they may own files elsewhere), and IT is told how to remove them.
  const userLeft =
    "roomctl-kiosk: the kiosk's system user and its home /var/lib/roomctl-kiosk (the browser's profile) stay, as a removed package leaves its system user; `userdel --remove roomctl-kiosk` removes them (turning the kiosk on again reuses the user)";
  expect(outcome!.notes).toContain(userLeft);
  expect(await readFile(join(lab.root, 'etc/passwd'), 'utf8')).toMatch(/^roomctl-kiosk:/m);
  expect(await kioskLeft()).toEqual([]);
  expect(await asideLeft()).toEqual([]);
  expect(outcome!.changes).toEqual(
    expect.arrayContaining([
      'remove /etc/systemd/system/roomctl-kiosk.service — the panel kiosk is off (service.kiosk)',
      'remove /etc/roomctl/kiosk.env — the panel kiosk is off (service.kiosk)',
    ]),
  );
  if (installed === KIOSK) expect(outcome!.changes).toContain(`ran ${disable} — the panel kiosk is off (service.kiosk)`);

  // Off again: nothing is left to remove, nothing changes.
  expect(await run(false)).toContain('Nothing changed: the machine already matched.');
  expect(outcome!.changes).toEqual([]);
  expect(outcome!.notes).not.toContain(userLeft);

  // On again: a new token, never IT's; off again with IT's gone too: no api.panelTokens left.
  await run(true);
  expect(await kioskLeft()).toEqual(installed);
  const again = await kioskToken();
  expect(again).not.toBe(token);
  expect(await api()).toEqual({ tokens, panelTokens: ['door-tablet-token', again] });
  await writeFile(secretsPath, (await readFile(secretsPath, 'utf8')).replace(/ {4}- door-tablet-token.*\n/, ''));

  // Off, but the run fails after the kiosk was disabled (secrets.yaml cannot be moved aside): the kiosk comes back as it was.
  const obstacle = join(lab.root, 'etc/roomctl/.secrets.yaml.roomctl-old');
  await mkdir(join(obstacle, 'junk'), { recursive: true });
  const failed = await run(false).then(
    () => undefined,
    (e: RoomctlError) => e,
  );
  expect(failed?.message).toMatch(/everything this run wrote was rolled back, the machine is as it was$/);
  expect(await kioskLeft()).toEqual(installed);
  expect(await kioskToken()).toBe(again);
  await rm(obstacle, { recursive: true });

  expect(await run(false)).toContain('its token is removed from api.panelTokens');
  expect(await api()).toEqual({ tokens });
  expect(await kioskLeft()).toEqual([]);
}, 60_000);
