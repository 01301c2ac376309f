import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, found from here whether we run from source (tsx) or from dist/. */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'panel-ui'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('roomctl: cannot find the project folder (package.json)');
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot();
export const PANEL_DIST = join(PROJECT_ROOT, 'panel-ui', 'dist');
/** Set on the page served at / when PANEL_DIST is missing, so doctor can say the panel is not built. */
export const PANEL_NOT_BUILT_HEADER = 'x-roomctl-panel';
export const VERSION: string = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
