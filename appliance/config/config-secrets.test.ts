import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DRIVERS } from '../../drivers/registry.js';
import type { RoomctlError } from '../../drivers/core/errors.js';
import { loadConfigFile } from './config-load.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ROOM = `room: { id: aurora, name: Aurora, site: hq, timezone: UTC }
api: { listen: "127.0.0.1:8080" }
mqtt: { url: "mqtt://broker:1883", username: aurora }
devices:
  - { id: display, driver: pjlink, host: 10.0.0.30 }
secrets: secrets.yaml
`;

async function write(room: string, secrets: string, mode = 0o600) {
  await writeFile(join(dir, 'room.yaml'), room);
  await writeFile(join(dir, 'secrets.yaml'), secrets);
  await chmod(join(dir, 'secrets.yaml'), mode);
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: RoomctlError) => e,
  );

it('merges the secrets file into the config: sections by key, devices by id', async () => {
  await write(ROOM, 'api: { tokens: [ "0123456789abcdef-token" ] }\nmqtt: { password: s3cret }\ndevices: { display: { password: JBMIAProjectorLink } }\n');
  const config = await loadConfigFile(join(dir, 'room.yaml'), DRIVERS);
  expect(config.api.tokens).toEqual(['0123456789abcdef-token']);
  expect(config.mqtt?.password).toBe('s3cret');
  expect(config.devices[0]).toMatchObject({ id: 'display', host: '10.0.0.30', password: 'JBMIAProjectorLink' });
});

it('refuses a secrets file others can read, and says how to fix it', async () => {
  await write(ROOM, 'api: { tokens: [ "0123456789abcdef-token" ] }\n', 0o644);
  const err = await failure(loadConfigFile(join(dir, 'room.yaml'), DRIVERS));
  expect(err?.code).toBe('ROOMCTL_E_CONFIG_INVALID');
  expect(err?.message).toMatch(/secrets\.yaml: readable by others \(mode 0644\); run: chmod 600 /);
});

it('refuses a field set in both files, and a secret for a device the room does not have', async () => {
  await write(
    ROOM.replace('username: aurora', 'username: aurora, password: inline'),
    'api: { tokens: [ "0123456789abcdef-token" ] }\nmqtt: { password: s3cret }\ndevices: { projector: { password: x } }\n',
  );
  const err = await failure(loadConfigFile(join(dir, 'room.yaml'), DRIVERS));
  expect(err?.code).toBe('ROOMCTL_E_CONFIG_INVALID');
  expect(err?.message).toMatch(/mqtt\.password: set both in the room config and in .*secrets\.yaml; keep it in .*secrets\.yaml only/);
  expect(err?.message).toMatch(/devices\.projector: no device "projector" in the room config/);
});

it('names the secrets file when it is missing', async () => {
  await writeFile(join(dir, 'room.yaml'), ROOM);
  const err = await failure(loadConfigFile(join(dir, 'room.yaml'), DRIVERS));
  expect(err?.code).toBe('ROOMCTL_E_CONFIG_NOT_FOUND');
  expect(err?.message).toBe(`Cannot read secrets file ${join(dir, 'secrets.yaml')} (named by ${join(dir, 'room.yaml')}): no such file`);
});
