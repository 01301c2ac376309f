import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../drivers/registry.js';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { createLogger } from '../appliance/logger.js';
import { startReloadableRoom, type ReloadableRoom } from './reloadable-room.js';

const yaml = (name: string, extra = '') => `room: { id: reload, name: "${name}", site: lab, timezone: UTC }
api: { listen: "127.0.0.1:0", tokens: ["a-test-token-of-16-chars"] }
storage: { dir: DATA }
${extra}devices: []
`;

describe('reload-config', () => {
  let dir: string;
  let room: ReloadableRoom | undefined;
  afterEach(async () => {
    await room?.close();
    room = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('restarts the room with the edited config, and keeps the old one running when the edit is invalid', async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-reload-'));
    const file = join(dir, 'room.yaml');
    const write = (text: string) => writeFile(file, text.replace('DATA', JSON.stringify(join(dir, 'data'))));
    await write(yaml('Before'));
    const load = () => loadConfigFile(file, DRIVERS);
    room = await startReloadableRoom(await load(), { log: createLogger({ level: 'silent', pretty: false }), load });
    const first = room.current;
    expect(first.commands.has('reload-config')).toBe(true);

    await write(yaml('Broken', 'nonsense: true\n'));
    await expect(first.commands.run('reload-config', {}, { keyId: 'central' })).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID' });
    expect(room.current).toBe(first);

    await write(yaml('After'));
    await expect(first.commands.run('reload-config', {}, { keyId: 'central' })).resolves.toEqual({ reloaded: true, room: 'reload', devices: 0 });
    const deadline = Date.now() + 8000;
    while (room.current === first && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(room.current).not.toBe(first);
    expect(room.current.core.status().room.name).toBe('After');
    expect(room.current.commands.has('reload-config')).toBe(true);
  });
});
