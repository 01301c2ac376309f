import type { SerialProbeAttempt, TcpProbe } from '../../drivers/core/device-discovery.js';
import type { ProvisioningDriver } from '../provisioning-drivers.js';

/** One driver's serial questions, as the port prober runs them. */
export interface SerialProtocolProbe {
  driver: string;
  protocol: string;
  attempts: readonly SerialProbeAttempt[];
}

export interface TcpProtocolProbe {
  driver: string;
  protocol: string;
  tcp: TcpProbe;
}

/** The serial questions of every driver that has some, in registry order (cameras come first there). */
export function serialProbesOf(drivers: readonly ProvisioningDriver[]): SerialProtocolProbe[] {
  return drivers.flatMap((d) => (d.probe?.serial ? [{ driver: d.id, protocol: d.probe.protocol, attempts: d.probe.serial }] : []));
}

export function tcpProbesOf(drivers: readonly ProvisioningDriver[]): TcpProtocolProbe[] {
  return drivers.flatMap((d) => (d.probe?.tcp ? [{ driver: d.id, protocol: d.probe.protocol, tcp: d.probe.tcp }] : []));
}
