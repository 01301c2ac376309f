import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt, startTestRoom, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
beforeAll(async () => {
  ensurePanelBuilt();
  room = await startTestRoom();
});
afterAll(async () => {
  await room?.close();
});

describe("the panel's scripts and their source maps", () => {
  it('names each script’s map in a SourceMap header the room serves, not in a comment each kiosk downloads', async () => {
    const page = await (await fetch(`${room.baseUrl}/`)).text();
    const scripts = [...page.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const res = await fetch(`${room.baseUrl}${script}`);
      const code = await res.text();
      expect(code, script).not.toContain('sourceMappingURL');
      const map = res.headers.get('sourcemap');
      expect(map, script).toBe(`${script.split('/').pop()}.map`);
      const read = await fetch(new URL(map!, `${room.baseUrl}${script}`));
      expect(read.status, map!).toBe(200);
      expect(
        ((await read.json()) as { sources: string[] }).sources.some((s) => s.endsWith('.ts')),
        map!,
      ).toBe(true);
    }
  });
});
