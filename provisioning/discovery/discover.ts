import { probeSerialPort, type PortVerdict } from '../probes/probe-serial-port.js';
import { probePjlinkGreeting } from '../probes/pjlink-greeting-probe.js';
import type { ProvisionAnswers } from '../answers/answers-schema.js';
import { discoverHidDevices, systemHidDevices, type HidCandidate, type HidDescriptorReader, type HidLister } from './hid-devices.js';
import { discoverOnvifByProbe, type FoundOnvifCamera, type OnvifDiscovery } from './onvif-discovery.js';
import { searchPjlinkDisplays, type PjlinkSearch } from './pjlink-search.js';
import { discoverSerialPorts, systemSerialPorts, type SerialCandidate, type SerialPortLister } from './serial-ports.js';

/** One thing found, with what the probes made of it. `endpoint` is how answers name it. */
export type Finding =
  | { source: 'serial'; endpoint: string; port: SerialCandidate; verdict: PortVerdict }
  | { source: 'hid'; endpoint: string; hid: HidCandidate }
  | { source: 'onvif'; endpoint: string; camera: FoundOnvifCamera }
  | { source: 'network'; endpoint: string; host: string; port: number; verdict: PortVerdict; mac?: string };

/** Where discovery looks; each part replaceable so tests stand simulators in for devices. */
export interface DiscoveryDeps {
  serialLister?: SerialPortLister;
  hidLister?: HidLister;
  hidDescriptor?: HidDescriptorReader;
  onvifDiscovery?: OnvifDiscovery;
  pjlinkSearch?: PjlinkSearch;
  onProgress?(line: string): void;
}

export const hidEndpoint = (h: Pick<HidCandidate, 'vendorId' | 'productId' | 'serialNumber'>) =>
  `${h.vendorId}:${h.productId}${h.serialNumber ? `:${h.serialNumber}` : ''}`;

function splitHost(entry: string, defaultPort: number): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(entry);
  return m && !m[1]!.includes(':') ? { host: m[1]!, port: Number(m[2]) } : { host: entry.replace(/^\[|\]$/g, ''), port: defaultPort };
}

/**
 * Finds what is connected and asks each candidate what it is. Serial ports are probed one
 * after another (two probes on one adapter would garble each other); the network searches
 * run while the serial probes do.
 */
export async function discoverRoom(answers: ProvisionAnswers, deps: DiscoveryDeps = {}): Promise<Finding[]> {
  const d = answers.discovery ?? {};
  const progress = deps.onProgress ?? (() => undefined);
  const timeoutMs = d.probeTimeoutMs ?? 600;

  const network = (async (): Promise<Finding[]> => {
    const pj = d.pjlink ?? {};
    const ov = d.onvif ?? {};
    const [displays, cameras] = await Promise.all([
      pj.search === false
        ? []
        : (deps.pjlinkSearch ?? searchPjlinkDisplays)({ addresses: pj.searchAddresses, port: pj.searchPort, replyPort: pj.replyPort, timeoutMs: pj.timeoutMs }).catch(() => []),
      ov.search === false ? [] : (deps.onvifDiscovery ?? discoverOnvifByProbe)({ address: ov.address, port: ov.port, timeoutMs: ov.timeoutMs }).catch(() => []),
    ]);
    progress(`network: ${displays.length} PJLink display(s) answered the search, ${cameras.length} ONVIF camera(s) answered WS-Discovery`);
    const tcpPort = pj.tcpPort ?? 4352;
    const targets = new Map<string, { host: string; port: number; mac?: string }>();
    for (const display of displays) targets.set(`${display.host}:${tcpPort}`, { host: display.host, port: tcpPort, mac: display.mac });
    for (const entry of d.hosts ?? []) {
      const t = splitHost(entry, tcpPort);
      if (!targets.has(`${t.host}:${t.port}`)) targets.set(`${t.host}:${t.port}`, t);
    }
    const findings: Finding[] = cameras
      .sort((a, b) => a.xaddr.localeCompare(b.xaddr))
      .map((camera) => ({ source: 'onvif' as const, endpoint: `${camera.host}:${camera.port}`, camera }));
    for (const [endpoint, t] of [...targets].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      progress(`${endpoint}: PJLink greeting…`);
      const verdict = await probePjlinkGreeting({ host: t.host, port: t.port, timeoutMs: Math.max(timeoutMs, 1000) });
      findings.push({ source: 'network', endpoint, host: t.host, port: t.port, verdict, ...(t.mac ? { mac: t.mac } : {}) });
    }
    return findings;
  })();

  const serial = (async (): Promise<Finding[]> => {
    const ports = await discoverSerialPorts({
      byIdDir: d.serialByIdDir,
      lister: deps.serialLister ?? systemSerialPorts,
      includeUnlinked: d.systemSerialPorts ?? true,
    });
    progress(`serial: ${ports.length} port(s) to probe`);
    const findings: Finding[] = [];
    for (const [i, port] of ports.entries()) {
      progress(`serial ${i + 1}/${ports.length}: ${port.path}${port.byId ? ` → ${port.devicePath}` : ''}`);
      const verdict = await probeSerialPort(port.path, { timeoutMs, onProgress: (line) => progress(`  ${line}`) });
      progress(`  ${port.path}: ${verdict.verdict === 'match' ? verdict.detail : `${verdict.verdict}: ${verdict.detail}`}`);
      findings.push({ source: 'serial', endpoint: port.path, port, verdict });
    }
    return findings;
  })();

  const hid = d.hid === false ? [] : await discoverHidDevices(deps.hidLister ?? systemHidDevices, deps.hidDescriptor);
  if (d.hid !== false) progress(`hid: ${hid.length} room device(s) (speakerphones, badge readers)`);
  const [serialFindings, networkFindings] = await Promise.all([serial, network]);
  return [...serialFindings, ...hid.map((h) => ({ source: 'hid' as const, endpoint: hidEndpoint(h), hid: h })), ...networkFindings];
}
