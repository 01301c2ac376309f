import { readFile } from 'node:fs/promises';
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

it("opens the kiosk with a token of its own, marked as the room's panel (api.panelTokens), not one of the room's tokens", async () => {
  const run = () =>
    provision({ answers: lab.answers({ service: { kiosk: true } }), root: lab.root, discovery: lab.deps, out: () => undefined, progress: () => undefined });
  const kiosk = async () => {
    const url = /^ROOMCTL_PANEL_URL=(\S+)$/m.exec(await readFile(join(lab.root, 'etc/roomctl/kiosk.env'), 'utf8'))![1]!;
    const secrets = parse(await readFile(join(lab.root, 'etc/roomctl/secrets.yaml'), 'utf8')) as { api: { tokens: string[]; panelTokens?: string[] } };
    return { token: new URL(url).searchParams.get('token'), api: secrets.api };
  };
  await run();
  const { token, api } = await kiosk();
  expect(api.panelTokens).toEqual([token]);
  expect(api.tokens).not.toContain(token);
}, 60_000);
