import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A room's config as IT leaves it on disk, for `roomctl doctor` and `config check`: `room.yaml`
 * with `lines` and a `secrets: secrets.yaml` line, and `secrets.yaml` beside it holding the API
 * token, readable by its owner only. Returns the path of room.yaml.
 */
export async function writeRoomConfigFiles(dir: string, lines: string[], token = '0123456789abcdef-token'): Promise<string> {
  const path = join(dir, 'room.yaml');
  await writeFile(path, [...lines, 'secrets: secrets.yaml', ''].join('\n'));
  await writeFile(join(dir, 'secrets.yaml'), `api: { tokens: [ "${token}" ] }\n`);
  await chmod(join(dir, 'secrets.yaml'), 0o600);
  return path;
}
