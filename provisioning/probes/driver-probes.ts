import type { SerialProbeAttempt, TcpProbe } from '../../drivers/core/device-discovery.js';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';

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
export function serialProbesOf(drivers: readonly AnyDriverDefinition[]): SerialProtocolProbe[] {
  return drivers.flatMap((d) => (d.probe?.serial ? [{ driver: d.id, protocol: d.probe.protocol, attempts: d.probe.serial }] : []));
}

export function tcpProbesOf(drivers: readonly AnyDriverDefinition[]): TcpProtocolProbe[] {
  return drivers.flatMap((d) => (d.probe?.tcp ? [{ driver: d.id, protocol: d.probe.protocol, tcp: d.probe.tcp }] : []));
}
