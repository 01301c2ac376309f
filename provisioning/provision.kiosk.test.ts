import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { provision } from './provision.js';
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

it("opens the kiosk with a token of its own in api.panelTokens, kept on reruns; turned off, that token goes and IT's own stay", async () => {
  const run = async (kiosk: boolean) => {
    let out = '';
    await provision({
      answers: lab.answers({ service: { kiosk } }),
      root: lab.root,
      discovery: lab.deps,
      doctor: false,
      out: (l) => (out += `${l}\n`),
      progress: () => undefined,
    });
    return out;
  };
  const secretsPath = join(lab.root, 'etc/roomctl/secrets.yaml');
  const api = async () => (parse(await readFile(secretsPath, 'utf8')) as { api: { tokens: string[]; panelTokens?: string[] } }).api;
  const kioskToken = async () =>
    new URL(/^ROOMCTL_PANEL_URL=(\S+)$/m.exec(await readFile(join(lab.root, 'etc/roomctl/kiosk.env'), 'utf8'))![1]!).searchParams.get('token');
  await run(true);
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

  // The kiosk turned off: its token goes, IT is told, the room's and IT's stay.
  const out = await run(false);
  expect(await api()).toEqual({ tokens, panelTokens: ['door-tablet-token'] });
  expect(out).toContain('the kiosk is off (service.kiosk), so its token is removed from api.panelTokens: the room refuses it from now on');

  // On again: a new token, never IT's; off again with IT's gone too: no api.panelTokens left.
  await run(true);
  const again = await kioskToken();
  expect(again).not.toBe(token);
  expect(await api()).toEqual({ tokens, panelTokens: ['door-tablet-token', again] });
  await writeFile(secretsPath, (await readFile(secretsPath, 'utf8')).replace(/ {4}- door-tablet-token.*\n/, ''));
  expect(await run(false)).toContain('its token is removed from api.panelTokens');
  expect(await api()).toEqual({ tokens });
}, 60_000);
