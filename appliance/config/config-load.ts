import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomConfig } from './config-schema.js';
import { loadSecretsFile, mergeSecrets, secretsPathInText, type LoadedSecrets } from './config-secrets.js';
import { formatIssue, validateConfig } from './config-validate.js';

/** Reads, parses and validates a room config file; throws one coded error listing every problem. */
export async function loadConfigFile(path: string, drivers: readonly AnyDriverDefinition[]): Promise<RoomConfig> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new RoomctlError('ROOMCTL_E_CONFIG_NOT_FOUND', `Cannot read config ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, { path });
  });
  // A config may name a secrets file (config-secrets.ts); read it before validating the whole.
  const secretsPath = secretsPathInText(text, path);
  const secrets = secretsPath ? await loadSecretsFile(secretsPath, path) : undefined;
  return parseConfigText(text, path, drivers, secrets);
}

export function parseConfigText(text: string, source: string, drivers: readonly AnyDriverDefinition[], secrets?: LoadedSecrets): RoomConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0];
    throw new RoomctlError('ROOMCTL_E_CONFIG_PARSE', `${source}${line ? `:${line.line}:${line.col}` : ''}: ${first.message.split('\n')[0]}`, {
      issues: doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : source, message: e.message.split('\n')[0] })),
    });
  }
  const withSecrets = secrets ? mergeSecrets(doc.toJS(), secrets) : { merged: doc.toJS() as unknown, issues: [] };
  if (withSecrets.issues.length > 0) {
    throw new RoomctlError(
      'ROOMCTL_E_CONFIG_INVALID',
      `${source} has ${withSecrets.issues.length} problem(s):\n${withSecrets.issues.map(formatIssue).join('\n')}`,
      {
        issues: withSecrets.issues,
      },
    );
  }
  const result = validateConfig(withSecrets.merged, drivers);
  if (!result.ok) {
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `${source} has ${result.issues.length} problem(s):\n${result.issues.map(formatIssue).join('\n')}`, {
      issues: result.issues,
    });
  }
  return result.config;
}
