import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { FastifyStaticOptions } from '@fastify/static';
import { PANEL_DIST } from '../paths.js';

/**
 * The built pages, served from PANEL_DIST with `index` at `/`. A script's source map is named
 * in a `SourceMap` header rather than in a comment at the script's end: the browser's developer
 * tools find it the same way, and a kiosk that never opens them does not download the comment
 * in every file.
 */
export function panelAssets(index: string): FastifyStaticOptions {
  return {
    root: PANEL_DIST,
    prefix: '/',
    index: [index],
    setHeaders(res, path) {
      if (path.endsWith('.js') && existsSync(`${path}.map`)) res.setHeader('SourceMap', `${basename(path)}.map`);
    },
  };
}
