import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { mergeSecrets } from '../appliance/config/config-secrets.js';
import type { DeviceConfig } from '../appliance/config/config-schema.js';
import { RoomctlError } from '../drivers/core/errors.js';
import type { ProvisionAnswers } from './answers/answers-schema.js';
import { parseAnsweredRecord, type AnsweredRecord } from './answered-record.js';
import { defaultMqttUsername } from './room-config-build.js';
import { LAYOUT } from './install/layout.js';
import { createKeyAndCsr, csrSubject } from './install/mqtt-identity.js';
import { readIfExists, targetPath } from './install/system-state.js';
import { faultPlace, keptFileFault } from './yaml-fault.js';

type Plain = Record<string, unknown>;
const parseYaml = (text: string | undefined): Plain => {
  if (text === undefined) return {};
  try {
    const value: unknown = parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Plain) : {};
  } catch {
    return {};
  }
};

/** What an earlier run left: its devices (ids and names are kept), its config and secrets (IT's edits kept, secrets not rotated), its udev rules. */
interface PreviousInstall {
  devices: DeviceConfig[];
  /** room.yaml as it is now, secrets not merged in. */
  config: Plain;
  secrets: Plain;
  /** Both files' text, so a rewrite keeps IT's comments. */
  configText: string | undefined;
  secretsText: string | undefined;
  udevRules: string | undefined;
  /** The token the panel kiosk opens the room with (in its kiosk.env), when an earlier run set one up. */
  kioskToken: string | undefined;
  /** What the earlier run wrote from its answers (answered-record.ts), when it kept that. */
  answeredRecord: AnsweredRecord | undefined;
}

/** The `token` of the kiosk's panel URL (`ROOMCTL_PANEL_URL=http://127.0.0.1:8080/?token=…`). */
function kioskTokenOf(env: string | undefined): string | undefined {
  const url = /^ROOMCTL_PANEL_URL=(\S+)$/m.exec(env ?? '')?.[1];
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).searchParams.get('token') ?? undefined;
}

export async function readPreviousInstall(root: string | undefined): Promise<PreviousInstall> {
  const configText = await readIfExists(targetPath(root, LAYOUT.config)).catch(() => undefined);
  const secretsText = await readIfExists(targetPath(root, LAYOUT.secrets)).catch(() => undefined);
  const config = parseYaml(configText);
  const secrets = parseYaml(secretsText);
  const merged = mergeSecrets(config, { path: LAYOUT.secrets, data: secrets }).merged as Plain;
  const devices = Array.isArray(merged.devices)
    ? (merged.devices as DeviceConfig[]).filter((d) => typeof d?.id === 'string' && typeof d?.driver === 'string')
    : [];
  return {
    devices,
    config,
    secrets,
    configText,
    secretsText,
    udevRules: await readIfExists(targetPath(root, LAYOUT.udevRules)).catch(() => undefined),
    kioskToken: kioskTokenOf(await readIfExists(targetPath(root, LAYOUT.kioskEnv)).catch(() => undefined)),
    answeredRecord: parseAnsweredRecord(await readIfExists(targetPath(root, LAYOUT.answeredRecord)).catch(() => undefined)),
  };
}

/**
 * A rerun edits room.yaml and secrets.yaml in place, keeping what IT wrote there by hand. One
 * it cannot read (a tab in the indentation, a quote left open) would have to be written fresh,
 * and IT's edits with it: refused before anything is probed or written, with the spot to mend,
 * unless IT asked for fresh files (`--rewrite-unreadable`; the old one is then kept beside it).
 */
export function refuseUnreadableKeptFiles(previous: PreviousInstall, root: string | undefined): void {
  const faults = [
    { path: targetPath(root, LAYOUT.config), text: previous.configText },
    { path: targetPath(root, LAYOUT.secrets), text: previous.secretsText },
  ].flatMap(({ path, text }) => {
    const fault = text === undefined ? undefined : keptFileFault(text);
    return fault ? [{ path, ...fault }] : [];
  });
  if (faults.length === 0) return;
  throw new RoomctlError(
    'ROOMCTL_E_KEPT_FILE_PARSE',
    faults.map((f) => `${f.path} is not YAML provisioning can read${faultPlace(f)}: ${f.what}${f.excerpt}`).join('\n'),
    { files: faults.map(({ path, line, column }) => ({ path, ...(line ? { line, column } : {}) })) },
  );
}

interface MqttMaterial {
  key?: string;
  csr?: string;
  ca?: string;
  /** Present once the CA's signed certificate sits at LAYOUT.mqttCert. */
  certificate?: { cert: string; key: string };
  notes: string[];
}

/**
 * The room's MQTT identity. A key and CSR already there are kept when the CSR still names
 * this room (a new CSR every run would be a change every run: ECDSA signatures are random).
 */
export async function mqttMaterial(answers: ProvisionAnswers, root: string | undefined): Promise<MqttMaterial> {
  const mqtt = answers.mqtt;
  const notes: string[] = [];
  if (!mqtt) return { notes };
  const material: MqttMaterial = { notes };
  if (mqtt.ca) {
    material.ca = await readFile(mqtt.ca, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new RoomctlError('ROOMCTL_E_ANSWERS_INVALID', `mqtt.ca: cannot read ${mqtt.ca}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, {
        issues: [{ path: 'mqtt.ca', message: `cannot read ${mqtt.ca}` }],
      });
    });
  }
  if ((mqtt.identity ?? 'password') !== 'certificate') return material;
  const user = defaultMqttUsername(answers);
  const key = await readIfExists(targetPath(root, LAYOUT.mqttKey)).catch(() => undefined);
  const csr = await readIfExists(targetPath(root, LAYOUT.mqttCsr)).catch(() => undefined);
  const subject = csr ? ((await csrSubject(csr)) ?? '').replace(/\s+/g, '') : '';
  if (key && csr && subject.includes(`CN=${user}`)) {
    material.key = key;
    material.csr = csr;
  } else {
    Object.assign(material, await createKeyAndCsr(user, answers.room.site, key));
  }
  if (await readIfExists(targetPath(root, LAYOUT.mqttCert)).catch(() => undefined)) {
    material.certificate = { cert: LAYOUT.mqttCert, key: LAYOUT.mqttKey };
  } else {
    notes.push(`MQTT certificate: send ${LAYOUT.mqttCsr} to your CA, put the signed certificate at ${LAYOUT.mqttCert}, and run provisioning again`);
  }
  return material;
}
