import type { LocalizedText } from '../drivers/core/localized-text.js';
import type { ProvisioningDriver } from './provisioning-drivers.js';
import { Value } from '@sinclair/typebox/value';
import type { DeviceIdentity } from '../drivers/core/device-discovery.js';
import type { DeviceConfig } from '../appliance/config/config-schema.js';
import { deviceSchema } from '../appliance/config/config-schema.js';
import { formatIssue, readablePath } from '../appliance/config/config-validate.js';
import type { ProvisionAnswers } from './answers/answers-schema.js';
import type { Finding } from './discovery/discover.js';
import { nameFoundDevices } from './device-names.js';

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

interface ProposedDevice {
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

/** Where a device entry sits, so a rerun finds the entry it wrote last time and keeps its id and name. */
function endpointKey(entry: Record<string, unknown>): string {
  const s = (v: unknown) => String(v);
  const at =
    entry.host !== undefined
      ? `${s(entry.host)}${entry.port !== undefined ? `:${s(entry.port)}` : ''}`
      : // Two of one USB model are told apart by their serial numbers.
        s(
          entry.serialPort ??
            entry.port ??
            entry.path ??
            `${s(entry.vendorId)}:${s(entry.productId)}${entry.serialNumber !== undefined ? `:${s(entry.serialNumber)}` : ''}`,
        );
  const unit = entry.address ?? entry.displayId ?? entry.setId;
  return `${s(entry.driver)}@${at}${unit !== undefined ? `#${s(unit)}` : ''}`;
}

interface Draft {
  driver: ProvisioningDriver;
  endpoint: string;
  fields: Record<string, unknown>;
  detail: string;
  /** What the device calls itself (make and model), when it said. */
  ownName?: string;
  grant?: Omit<DeviceGrant, 'deviceId'>;
}

const defined = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

/** What was found where, as its driver's `proposeConfig` reads it; undefined (and a note) when nothing is to be configured. */
function identityOf(finding: Finding, notes: string[]): { driver: string; identity: DeviceIdentity; grant?: Omit<DeviceGrant, 'deviceId'> } | undefined {
  if (finding.source === 'hid') {
    const h = finding.hid;
    const usb = { vendorId: h.vendorId, productId: h.productId, ...(h.serialNumber ? { serialNumber: h.serialNumber } : {}) };
    const identity = {
      at: { hid: { ...usb, path: h.path } },
      settings: { role: h.role, product: h.product },
      detail: `${h.role} ${h.product} (${finding.endpoint})`,
    };
    return { driver: h.driver, identity, grant: { subsystem: 'hidraw', ...usb, path: h.path } };
  }
  const v = finding.verdict;
  // A network verdict names its host:port itself.
  const at = finding.source === 'network' ? '' : `${finding.endpoint}: `;
  if (v.verdict === 'error' && finding.source === 'serial') {
    notes.push(`${at}${v.detail}`);
    return undefined;
  }
  if (v.verdict !== 'match') {
    const why = finding.source === 'network' ? v.detail : `${v.verdict === 'silent' ? 'no answer' : 'garbage'} — ${v.detail}`;
    notes.push(`${at}${why}; not configured`);
    return undefined;
  }
  if (finding.source === 'network')
    return { driver: v.driver, identity: { at: { host: finding.host, port: finding.port }, settings: v.settings, detail: v.detail } };
  const grant = { subsystem: 'tty' as const, ...finding.port.usb, path: finding.port.path };
  return { driver: v.driver, identity: { at: { serialPort: finding.port.path }, settings: v.settings, detail: v.detail }, grant };
}

/** The entries a finding's driver proposes for it, with the answers' credentials for that driver. */
function draftsOf(finding: Finding, answers: ProvisionAnswers, drivers: readonly ProvisioningDriver[], notes: string[]): Draft[] {
  const found = identityOf(finding, notes);
  if (!found) return [];
  const driver = drivers.find((x) => x.id === found.driver);
  if (!driver?.proposeConfig) {
    notes.push(`${finding.endpoint}: ${found.identity.detail} — driver "${found.driver}" is not in this build; not configured`);
    return [];
  }
  const credentials = answers.devices?.[driver.id];
  const context = { endpoint: finding.endpoint, note: (text: string) => notes.push(text), ...(credentials ? { credentials } : {}) };
  return driver.proposeConfig(found.identity, context).map((p) => ({
    driver,
    endpoint: `${finding.endpoint}${p.unit ?? ''}`,
    fields: defined(p.fields),
    detail: p.detail,
    ...(p.name ? { ownName: p.name } : {}),
    ...(found.grant ? { grant: found.grant } : {}),
  }));
}

/**
 * Turns findings into device entries the config accepts. Ids come from the answers' names,
 * else from the entry a previous run wrote at the same place, else `<kind>-<n>`; names the
 * same way, else the device's own make and model, else its kind and number in both panel languages. A device
 * whose driver is not in this build, or whose entry its driver would refuse, is reported
 * and left out: the config must pass `roomctl config check`.
 */
export function proposeDevices(
  findings: Finding[],
  answers: ProvisionAnswers,
  drivers: readonly ProvisioningDriver[],
  existing: DeviceConfig[] = [],
): Proposal {
  const notes: string[] = [];
  const names = answers.devices?.names ?? {};
  const previous = new Map(existing.map((e) => [endpointKey(e), e]));
  // Every id the config has is taken, found this time or not: a new device never takes a missing one's id (and so its entry).
  const taken = new Set<string>(existing.map((e) => e.id));
  const devices: ProposedDevice[] = [];
  const drafts = findings.flatMap((f) => draftsOf(f, answers, drivers, notes));
  const pending: { draft: Draft; driver: ProvisioningDriver; fields: Record<string, unknown>; id?: string; name?: LocalizedText }[] = [];

  for (const draft of drafts) {
    const { driver, fields } = draft;
    const named = names[draft.endpoint];
    const before = previous.get(endpointKey({ driver: driver.id, ...fields }));
    const id = typeof named === 'string' ? named : (named?.id ?? before?.id);
    const name = typeof named === 'object' ? named.name : before?.name;
    if (id) taken.add(id);
    pending.push({ draft, driver, fields, id, name });
  }
  // A device nobody named gets a name a person recognises: its make and model, else its kind and number.
  const unnamed = pending.filter((p) => !p.name);
  const given = nameFoundDevices(
    unnamed.map((p) => ({ kind: p.driver.kind, ...(p.draft.ownName ? { own: p.draft.ownName } : {}) })),
    [...pending, ...existing].flatMap((p) => (p.name ? [p.name] : [])),
  );
  unnamed.forEach((p, i) => (p.name = given[i]));
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
    const entry: DeviceConfig = { id: p.id ?? nextId(p.driver.kind), ...(p.name ? { name: p.name } : {}), driver: p.driver.id, ...p.fields };
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
  // Ports that could not be opened (in use, no permission): their devices were not looked for, not missed.
  const unprobed = new Set(findings.flatMap((f) => (f.source === 'serial' && f.verdict.verdict === 'error' && f.verdict.unprobed ? [f.port.path] : [])));
  for (const old of existing) {
    if (written.has(endpointKey(old)) || devices.some((d) => d.entry.id === old.id)) continue;
    const port = old.serialPort ?? old.port;
    const why = typeof port === 'string' && unprobed.has(port) ? 'its port was not probed this time' : 'not found this time';
    notes.push(`${old.id} (${endpointKey(old)}): ${why}; kept from the existing config`);
    devices.push({ entry: old, endpoint: endpointKey(old), detail: 'kept from the existing config', kept: true });
  }
  // The order of the config found, new devices after: a device missing this time (or a port in use) rewrites nothing.
  const rank = (d: ProposedDevice) => {
    const at = existing.findIndex((e) => e.id === d.entry.id);
    return at === -1 ? existing.length : at;
  };
  devices.sort((a, b) => rank(a) - rank(b));
  return { devices, notes };
}
