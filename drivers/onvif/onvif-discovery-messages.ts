import { randomUUID } from 'node:crypto';
import { NS } from './onvif-soap.js';
import { child, descendant, escapeXml, parseXml, path, textOf } from './onvif-xml.js';

/**
 * WS-Discovery (2005/04) messages as ONVIF uses them, pure: a controller multicasts Probe to
 * 239.255.255.250:3702; each camera answers ProbeMatches to the sender, naming its device
 * service address (XAddrs) and describing itself with scopes.
 */
export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;
const ACTION = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
const ANONYMOUS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';

export function probeMessage(messageId = `urn:uuid:${randomUUID()}`): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.wsa}" xmlns:d="${NS.d}" xmlns:dn="${NS.dn}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${ACTION}/Probe</a:Action><a:MessageID>${messageId}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${ANONYMOUS}</a:Address></a:ReplyTo><a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>` +
    `<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>`
  );
}

export interface ReadProbe {
  messageId: string;
  /** Local names of the types asked for; empty means "anything". */
  types: string[];
}

/** A Probe, or undefined for anything else (Hello, Bye, another device's ProbeMatches, junk). */
export function readProbe(xml: string): ReadProbe | undefined {
  const envelope = parseXml(xml);
  const probe = path(envelope, 'Body', 'Probe');
  if (!probe) return undefined;
  const types = (textOf(child(probe, 'Types')) ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => t.replace(/^[^:]*:/, ''));
  return { messageId: textOf(descendant(child(envelope, 'Header'), 'MessageID')) ?? '', types };
}

export interface ProbeMatch {
  /** The device's stable identity, `urn:uuid:…`. */
  urn: string;
  /** Device service URLs; the first is the one to use. */
  xaddrs: string[];
  scopes: string[];
  types: string[];
}

export function probeMatchesMessage(relatesTo: string, match: ProbeMatch): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.wsa}" xmlns:d="${NS.d}" xmlns:dn="${NS.dn}" xmlns:tds="${NS.tds}">` +
    `<s:Header><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID><a:RelatesTo>${escapeXml(relatesTo)}</a:RelatesTo>` +
    `<a:To s:mustUnderstand="1">${ANONYMOUS}</a:To><a:Action s:mustUnderstand="1">${ACTION}/ProbeMatches</a:Action></s:Header>` +
    `<s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>${escapeXml(match.urn)}</a:Address></a:EndpointReference>` +
    `<d:Types>${match.types.join(' ')}</d:Types><d:Scopes>${match.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${match.xaddrs.map(escapeXml).join(' ')}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`
  );
}

/** The ProbeMatch in an answer to our probe `messageId`, or undefined (someone else's answer, or junk). */
export function readProbeMatch(xml: string, messageId: string): ProbeMatch | undefined {
  const envelope = parseXml(xml);
  if (textOf(descendant(child(envelope, 'Header'), 'RelatesTo')) !== messageId) return undefined;
  const match = path(envelope, 'Body', 'ProbeMatches', 'ProbeMatch');
  const urn = textOf(path(match, 'EndpointReference', 'Address'));
  const xaddrs = (textOf(child(match, 'XAddrs')) ?? '').split(/\s+/).filter((x) => /^https?:\/\//.test(x));
  if (!urn || xaddrs.length === 0) return undefined;
  const words = (name: string) => (textOf(child(match, name)) ?? '').split(/\s+/).filter(Boolean);
  return { urn, xaddrs, scopes: words('Scopes'), types: words('Types') };
}

/** `onvif://www.onvif.org/name/Front%20Cam` → 'Front Cam'. */
export function scopeValue(scopes: readonly string[], kind: string): string | undefined {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const scope = scopes.find((s) => s.startsWith(prefix));
  if (!scope) return undefined;
  try {
    return decodeURIComponent(scope.slice(prefix.length));
  } catch {
    return scope.slice(prefix.length);
  }
}
