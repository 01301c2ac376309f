import type { LocalizedText } from '../drivers/core/localized-text.js';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { AnyDriverDefinition } from '../drivers/core/definition.js';
import type { DeviceConfig } from '../appliance/config/config-schema.js';
import { deviceSchema } from '../appliance/config/config-schema.js';
import { formatIssue, readablePath } from '../appliance/config/config-validate.js';
import type { ProvisionAnswers } from './answers/answers-schema.js';
import type { Finding } from './discovery/discover.js';

/** What a udev rule grants the service user: one adapter or HID device, by its USB identity. */
export interface DeviceGrant {
  subsystem: 'tty' | 'hidraw';
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  idSerial?: string;
  /** Where it was found, for the rule's comment. */
  path: string;
  deviceId: string;
}

export interface ProposedDevice {
  entry: DeviceConfig;
  endpoint: string;
  detail: string;
  grant?: DeviceGrant;
  /** Not found this run; kept as a previous run wrote it. */
  kept?: boolean;
}

export interface Proposal {
  devices: ProposedDevice[];
  /** Found but not configured, kept from before, or configured with a caveat: said to IT. */
  notes: string[];
}

/** Field names a driver's schema may use for what a probe learned, first match wins. */
const ALIASES: Record<string, string[]> = {
  port: ['port', 'serialPort', 'path'],
  path: ['path', 'devicePath', 'port'],
  displayId: ['displayId', 'mdcId', 'setId'],
  setId: ['setId', 'displayId'],
  vendorId: ['vendorId'],
  productId: ['productId'],
  serialNumber: ['serialNumber', 'serial'],
};

/** Keeps the fields the driver's schema has (under its own names); a driver without the schema field simply does not get it. */
function fitToSchema(driver: AnyDriverDefinition, fields: Record<string, unknown>): Record<string, unknown> {
  const properties = (driver.config as { properties: Record<string, TSchema> }).properties;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // A name only fits when its schema takes the value (MDC's `port` is a TCP port number, its serial path is `serialPort`).
    const name = (ALIASES[key] ?? [key]).find((n) => n in properties && !(n in out) && Value.Check(properties[n]!, value));
    if (name) out[name] = value;
  }
  return out;
}

/** Where a device entry sits, so a rerun finds the entry it wrote last time and keeps its id and name. */
export function endpointKey(entry: Record<string, unknown>): string {
  const s = (v: unknown) => String(v);
  const at =
    entry.host !== undefined
      ? `${s(entry.host)}${entry.port !== undefined ? `:${s(entry.port)}` : ''}`
      : s(entry.serialPort ?? entry.port ?? entry.path ?? `${s(entry.vendorId)}:${s(entry.productId)}`);
  const unit = entry.address ?? entry.displayId ?? entry.setId;
  return `${s(entry.driver)}@${at}${unit !== undefined ? `#${s(unit)}` : ''}`;
}

interface Draft {
  driver: string;
  endpoint: string;
  fields: Record<string, unknown>;
  detail: string;
  grant?: Omit<DeviceGrant, 'deviceId'>;
  kind: string;
}

function draftsOf(finding: Finding, answers: ProvisionAnswers, notes: string[]): Draft[] {
  const credentials = answers.devices ?? {};
  if (finding.source === 'serial') {
    const v = finding.verdict;
    if (v.verdict !== 'match') {
      notes.push(`${finding.endpoint}: ${v.verdict === 'silent' ? 'no answer' : v.verdict === 'garbage' ? 'garbage' : 'error'} — ${v.detail}; not configured`);
      return [];
    }
    const usb = finding.port.usb;
    const grant = { subsystem: 'tty' as const, ...usb, path: finding.port.path };
    const base = { port: finding.port.path, baudRate: v.settings.baudRate };
    if (v.driver === 'visca-serial') {
      const cameras = Number(v.settings.cameras ?? 1);
      return Array.from({ length: cameras }, (_, i) => ({
        driver: v.driver,
        endpoint: cameras > 1 ? `${finding.endpoint}#${i + 1}` : finding.endpoint,
        fields: cameras > 1 ? { ...base, address: i + 1 } : base,
        detail: `${v.detail}${cameras > 1 ? `, camera ${i + 1}` : ''}`,
        grant,
        kind: 'camera',
      }));
    }
    return [{ driver: v.driver, endpoint: finding.endpoint, fields: { ...base, displayId: v.settings.displayId, setId: v.settings.setId }, detail: v.detail, grant, kind: 'display' }];
  }
  if (finding.source === 'network') {
    const v = finding.verdict;
    if (v.verdict !== 'match') {
      notes.push(`${finding.endpoint}: ${v.detail}; not configured`);
      return [];
    }
    const needsPassword = v.settings.auth === true;
    if (needsPassword && !credentials.pjlink?.password) notes.push(`${finding.endpoint}: the display asks for a PJLink password; add devices.pjlink.password to the answers`);
    const fields: Record<string, unknown> = { host: finding.host, port: finding.port === 4352 ? undefined : finding.port };
    if (needsPassword && credentials.pjlink?.password) fields.password = credentials.pjlink.password;
    return [{ driver: v.driver, endpoint: finding.endpoint, fields, detail: `${v.detail}${finding.mac ? ` (MAC ${finding.mac})` : ''}`, kind: 'display' }];
  }
  if (finding.source === 'onvif') {
    const c = finding.camera;
    if (!credentials.onvif) notes.push(`${finding.endpoint}: ONVIF cameras need a login; add devices.onvif.username and password to the answers`);
    const fields = { host: c.host, port: c.port === 80 ? undefined : c.port, username: credentials.onvif?.username, password: credentials.onvif?.password };
    return [{ driver: 'onvif', endpoint: finding.endpoint, fields, detail: `ONVIF camera ${c.name ?? ''} ${c.hardware ?? ''} at ${c.xaddr}`.replace(/\s+/g, ' '), kind: 'camera' }];
  }
  const h = finding.hid;
  const grant = { subsystem: 'hidraw' as const, vendorId: h.vendorId, productId: h.productId, ...(h.serialNumber ? { serialNumber: h.serialNumber } : {}), path: h.path };
  // The HID drivers take the ids as numbers (YAML 0x0b0e); udev matches the hex text.
  const fields = { vendorId: parseInt(h.vendorId, 16), productId: parseInt(h.productId, 16), serialNumber: h.serialNumber, path: h.path };
  return [{ driver: h.driver, endpoint: finding.endpoint, fields, detail: `${h.role} ${h.product} (${finding.endpoint})`, grant, kind: h.role }];
}

/**
 * Turns findings into device entries the config accepts. Ids come from the answers' names,
 * else from the entry a previous run wrote at the same place, else `<kind>-<n>`. A device
 * whose driver is not in this build, or whose entry its driver would refuse, is reported
 * and left out: the config must pass `roomctl config check`.
 */
export function proposeDevices(findings: Finding[], answers: ProvisionAnswers, drivers: readonly AnyDriverDefinition[], existing: DeviceConfig[] = []): Proposal {
  const notes: string[] = [];
  const names = answers.devices?.names ?? {};
  const previous = new Map(existing.map((e) => [endpointKey(e), e]));
  const taken = new Set<string>();
  const devices: ProposedDevice[] = [];
  const drafts = findings.flatMap((f) => draftsOf(f, answers, notes));
  const pending: { draft: Draft; driver: AnyDriverDefinition; fields: Record<string, unknown>; id?: string; name?: LocalizedText }[] = [];

  for (const draft of drafts) {
    const driver = drivers.find((x) => x.id === draft.driver);
    if (!driver) {
      notes.push(`${draft.endpoint}: ${draft.detail} — driver "${draft.driver}" is not in this build; not configured`);
      continue;
    }
    const fields = fitToSchema(driver, draft.fields);
    const named = names[draft.endpoint];
    const before = previous.get(endpointKey({ driver: draft.driver, ...fields }));
    const id = typeof named === 'string' ? named : (named?.id ?? before?.id);
    const name = typeof named === 'object' ? named.name : before?.name;
    if (id) taken.add(id);
    pending.push({ draft, driver, fields, id, name });
  }
  const counters = new Map<string, number>();
  const nextId = (kind: string) => {
    let n = counters.get(kind) ?? 0;
    let id: string;
    do id = `${kind}-${++n}`;
    while (taken.has(id));
    counters.set(kind, n);
    taken.add(id);
    return id;
  };
  for (const p of pending) {
    const entry: DeviceConfig = { id: p.id ?? nextId(p.draft.kind), ...(p.name ? { name: p.name } : {}), driver: p.driver.id, ...p.fields };
    const schema = deviceSchema(p.driver);
    const checked = Value.Default(schema, structuredClone(entry));
    if (!Value.Check(schema, checked)) {
      const problems = [...Value.Errors(schema, checked)].map((e) => formatIssue({ path: readablePath(e.path), message: e.message }));
      notes.push(`${p.draft.endpoint}: ${p.draft.detail} — its ${p.driver.id} entry would be refused (${problems.join('; ')}); not configured`);
      continue;
    }
    devices.push({ entry, endpoint: p.draft.endpoint, detail: p.draft.detail, ...(p.draft.grant ? { grant: { ...p.draft.grant, deviceId: entry.id } } : {}) });
  }
  const written = new Set(devices.map((d) => endpointKey(d.entry)));
  for (const old of existing) {
    if (written.has(endpointKey(old)) || devices.some((d) => d.entry.id === old.id)) continue;
    notes.push(`${old.id} (${endpointKey(old)}): not found this time; kept from the existing config`);
    devices.push({ entry: old, endpoint: endpointKey(old), detail: 'kept from the existing config', kept: true });
  }
  return { devices, notes };
}
