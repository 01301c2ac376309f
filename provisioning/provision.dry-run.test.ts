import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
});
afterAll(() => lab?.close());

it('--dry-run probes and prints the plan, shows no secret, and writes nothing', async () => {
  let out = '';
  const outcome = await provision({
    answers: lab.answers({ mqtt: { url: 'mqtts://broker.example:8883', password: 'never-printed' } }),
    root: lab.root,
    dryRun: true,
    discovery: lab.deps,
    out: (l) => (out += `${l}\n`),
    progress: () => undefined,
  });

  expect(out).toMatch(/Would change:\n  create system user roomctl/);
  expect(out).toMatch(/--- \/etc\/roomctl\/room\.yaml\n    # Room config written by `roomctl provision`/);
  expect(out).toContain('--- /etc/roomctl/secrets.yaml (secret: content not shown)');
  expect(out).toMatch(/\(skipped under --root\) systemctl daemon-reload/);
  expect(out).not.toContain('never-printed');
  expect(outcome.doctor).toBeUndefined();
  expect(await readdir(lab.root)).toEqual([]);
});
