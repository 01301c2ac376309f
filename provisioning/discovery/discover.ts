import type { Discovered } from '../../drivers/core/device-discovery.js';
import { PROVISIONING_DRIVERS, type ProvisioningDriver } from '../provisioning-drivers.js';
import type { ProvisionAnswers } from '../answers/answers-schema.js';
import { serialProbesOf, tcpProbesOf } from '../probes/driver-probes.js';
import { probeHost } from '../probes/probe-host.js';
import { probeSerialPort, type PortVerdict } from '../probes/probe-serial-port.js';
import { discoverHidDevices, systemHidDevices, type HidCandidate, type HidDescriptorReader, type HidLister } from './hid-devices.js';
import { discoverSerialPorts, systemSerialPorts, type SerialCandidate, type SerialPortLister } from './serial-ports.js';

/** One thing found, with what its driver's probe (or search) made of it. `endpoint` is how answers name it. */
export type Finding =
  | { source: 'serial'; endpoint: string; port: SerialCandidate; verdict: PortVerdict }
  | { source: 'hid'; endpoint: string; hid: HidCandidate }
  | { source: 'network'; endpoint: string; host: string; port: number; verdict: PortVerdict };

/** Where discovery looks; each part replaceable so tests stand simulators in for devices. */
export interface DiscoveryDeps {
  /** The drivers whose searches and probes run (the registry by default). */
  drivers?: readonly ProvisioningDriver[];
  serialLister?: SerialPortLister;
  hidLister?: HidLister;
  hidDescriptor?: HidDescriptorReader;
  onProgress?(line: string): void;
}

export const hidEndpoint = (h: Pick<HidCandidate, 'vendorId' | 'productId' | 'serialNumber'>) =>
  `${h.vendorId}:${h.productId}${h.serialNumber ? `:${h.serialNumber}` : ''}`;

function splitHost(entry: string): { host: string; port?: number } {
  const m = /^(.*):(\d{1,5})$/.exec(entry);
  return m && !m[1]!.includes(':') ? { host: m[1]!, port: Number(m[2]) } : { host: entry.replace(/^\[|\]$/g, '') };
}

const byEndpoint = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Runs every driver's network search (with its answers section), in parallel; a failed search finds nothing. */
async function searchNetwork(answers: ProvisionAnswers, drivers: readonly ProvisioningDriver[], progress: (line: string) => void) {
  const sections: Record<string, Record<string, unknown> | undefined> = answers.discovery ?? {};
  const searching = drivers.filter((d) => d.discover && sections[d.id]?.search !== false);
  const results = await Promise.all(searching.map((d) => d.discover!.search(sections[d.id] ?? {}).catch((): Discovered[] => [])));
  if (searching.length > 0) progress(`network: ${searching.map((d, i) => `${results[i]!.length} ${d.discover!.finds}`).join(', ')}`);
  return searching.flatMap((driver, i) => results[i]!.map((found) => ({ driver, found })));
}

/** Network findings: what a search already named, then each found or listed host asked in its driver's protocol. */
async function discoverNetwork(
  answers: ProvisionAnswers,
  drivers: readonly ProvisioningDriver[],
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const targets = new Map<string, { host: string; port?: number; driver?: ProvisioningDriver; settings: Record<string, unknown> }>();
  for (const { driver, found } of await searchNetwork(answers, drivers, progress)) {
    const endpoint = `${found.host}:${found.port}`;
    if (found.detail !== undefined || !driver.probe?.tcp) {
      const verdict: PortVerdict = {
        verdict: 'match',
        driver: driver.id,
        protocol: driver.probe?.protocol ?? driver.id,
        settings: found.settings,
        detail: found.detail ?? endpoint,
      };
      findings.push({ source: 'network', endpoint, host: found.host, port: found.port, verdict });
    } else targets.set(endpoint, { host: found.host, port: found.port, driver, settings: found.settings });
  }
  for (const entry of answers.discovery?.hosts ?? []) {
    const t = splitHost(entry);
    const known = [...targets.values()].some((x) => x.host === t.host && (t.port === undefined || x.port === t.port));
    if (!known) targets.set(t.port === undefined ? t.host : `${t.host}:${t.port}`, { ...t, settings: {} });
  }
  const tcpProbes = tcpProbesOf(drivers);
  for (const [key, t] of [...targets].sort(([a], [b]) => byEndpoint(a, b))) {
    const probes = t.driver ? tcpProbes.filter((p) => p.driver === t.driver!.id) : tcpProbes;
    progress(`${key}: ${probes.map((p) => p.tcp.label).join(', ')}…`);
    // The answers' password lets a probe that must log in ask the device its name.
    const credentialsOf = (driver: string): Record<string, unknown> | undefined => answers.devices?.[driver];
    const { verdict, port } = await probeHost(probes, t.host, t.port, Math.max(timeoutMs, 1000), credentialsOf);
    if (verdict.verdict === 'match') verdict.settings = { ...t.settings, ...verdict.settings };
    findings.push({ source: 'network', endpoint: `${t.host}:${port}`, host: t.host, port, verdict });
  }
  return findings;
}

/**
 * Finds what is connected and asks each candidate what it is, in the protocols of the
 * drivers in the build. Serial ports are probed one after another (two probes on one
 * adapter would garble each other); the network searches run while the serial probes do.
 */
export async function discoverRoom(answers: ProvisionAnswers, deps: DiscoveryDeps = {}): Promise<Finding[]> {
  const d = answers.discovery ?? {};
  const drivers = deps.drivers ?? PROVISIONING_DRIVERS;
  const progress = deps.onProgress ?? (() => undefined);
  const timeoutMs = d.probeTimeoutMs ?? 600;

  const network = discoverNetwork(answers, drivers, timeoutMs, progress);

  const serial = (async (): Promise<Finding[]> => {
    const ports = await discoverSerialPorts({
      byIdDir: d.serialByIdDir,
      lister: deps.serialLister ?? systemSerialPorts,
      includeUnlinked: d.systemSerialPorts ?? true,
    });
    progress(`serial: ${ports.length} port(s) to probe`);
    const findings: Finding[] = [];
    const probes = serialProbesOf(drivers);
    for (const [i, port] of ports.entries()) {
      progress(`serial ${i + 1}/${ports.length}: ${port.path}${port.byId ? ` → ${port.devicePath}` : ''}`);
      const verdict = await probeSerialPort(port.path, { probes, timeoutMs, onProgress: (line) => progress(`  ${line}`) });
      progress(`  ${port.path}: ${verdict.verdict === 'match' ? verdict.detail : `${verdict.verdict}: ${verdict.detail}`}`);
      findings.push({ source: 'serial', endpoint: port.path, port, verdict });
    }
    return findings;
  })();

  const hid = d.hid === false ? [] : await discoverHidDevices(deps.hidLister ?? systemHidDevices, deps.hidDescriptor, drivers);
  if (d.hid !== false) progress(`hid: ${hid.length} room device(s) (speakerphones, badge readers)`);
  const [serialFindings, networkFindings] = await Promise.all([serial, network]);
  return [...serialFindings, ...hid.map((h) => ({ source: 'hid' as const, endpoint: hidEndpoint(h), hid: h })), ...networkFindings];
}
