import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { FakeHidBus } from './fake-hid.js';

/** A fresh fake HID bus (with its sysfs folder) per test, removed after it. Test use only. */
export function useFakeHidBus(): () => Promise<FakeHidBus> {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-hidraw-'));
    dirs.push(dir);
    return new FakeHidBus(dir);
  };
}
