import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { RoomConfig } from './config-schema.js';
import type { ConfigIssue } from './config-validate.js';

/**
 * Fields that are credentials in their own right and belong in the secrets file (mode 0600)
 * rather than in the room config, which people read, diff and paste into tickets. A
 * pre-approved pairing code is a panel credential; the admin PIN opens the admin view.
 */
const SECRET_FIELDS: readonly (readonly [string, string])[] = [
  ['panel', 'adminPin'],
  ['panel', 'pairCodes'],
];

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What `roomctl config check` warns about in a config that is otherwise valid: secrets sitting
 * in the room config itself, and an admin PIN kept as an unsalted SHA-256.
 */
function secretPlacementWarnings(raw: unknown, config: RoomConfig): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  for (const [section, field] of SECRET_FIELDS) {
    const part = isPlain(raw) ? raw[section] : undefined;
    if (isPlain(part) && part[field] !== undefined) {
      warnings.push({
        path: `${section}.${field}`,
        message: `is a secret but sits in the room config; move it to the secrets file (${config.secrets ?? 'secrets: secrets.yaml'}, mode 0600)`,
      });
    }
  }
  const pin = config.panel?.adminPin;
  if (pin?.startsWith('sha256:')) {
    warnings.push({
      path: 'panel.adminPin',
      message:
        'an unsalted SHA-256 of a PIN is reversed in about a second; replace it with the line `roomctl config hash-pin --from-sha256 <that value>` prints',
    });
  }
  return warnings;
}

/** The warnings of a config file that loaded (the room config's own text, before secrets are merged). */
export async function configFileWarnings(path: string, config: RoomConfig): Promise<ConfigIssue[]> {
  const doc = parseDocument(await readFile(path, 'utf8'));
  return secretPlacementWarnings(doc.toJS() as unknown, config);
}
