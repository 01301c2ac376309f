import { brokerUrlProblem, hostProblem, isWildcardHost, listenProblem, publicUrlProblem, splitHostPort } from './config-addresses.js';
import type { ConfigIssue } from './config-issue.js';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The listen address, the public URL, the broker URL and every device's host, as the network stack will read them. */
export function addressIssues(config: Plain): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const api = isPlain(config.api) ? config.api : {};
  const meetings = isPlain(config.meetings) ? config.meetings : {};
  const check = (path: string, value: string | undefined, problem: (v: string) => string | undefined, allowed: string) => {
    const found = value === undefined ? undefined : problem(value);
    if (found) issues.push({ path, message: found, allowed });
  };
  check('api.listen', text(api.listen), listenProblem, 'host:port, e.g. 0.0.0.0:8080 for every address or 127.0.0.1:8080 for this machine only');
  check('api.publicUrl', text(api.publicUrl), publicUrlProblem, 'the URL phones reach this room at, e.g. http://10.0.0.20:8080');
  check('meetings.publicUrl', text(meetings.publicUrl), publicUrlProblem, 'the URL phones reach this room at, e.g. http://10.0.0.20:8080');
  const apiUrl = text(api.publicUrl);
  const oldUrl = text(meetings.publicUrl);
  if (apiUrl && oldUrl && apiUrl.replace(/\/$/, '') !== oldUrl.replace(/\/$/, '')) {
    issues.push({ path: 'meetings.publicUrl', message: `differs from api.publicUrl (${apiUrl}); it is the old place of the same setting: remove it` });
  }
  if (isPlain(config.mqtt))
    check('mqtt.url', text(config.mqtt.url), brokerUrlProblem, 'mqtt://, mqtts://, ws:// or wss:// with a host, e.g. mqtts://broker.example:8883');
  const devices = Array.isArray(config.devices) ? config.devices : [];
  devices.forEach((device: unknown, index) => {
    if (isPlain(device)) check(`devices[${index}].host`, text(device.host), hostProblem, 'an IP address (10.0.0.30) or a host name (display-3f.example.com)');
  });
  return issues;
}

/** The public URL the config sets: `api.publicUrl`, or its old place `meetings.publicUrl`. */
export function configuredPublicUrl(config: { api?: unknown; meetings?: unknown }): string | undefined {
  return text(isPlain(config.api) ? config.api.publicUrl : undefined) ?? text(isPlain(config.meetings) ? config.meetings.publicUrl : undefined);
}

/** What a valid config will do that its author probably did not mean. */
export function configWarnings(config: Plain): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  const listen = isPlain(config.api) ? text(config.api.listen) : undefined;
  const host = listen ? splitHostPort(listen)?.host : undefined;
  const publicUrl = configuredPublicUrl(config);
  if (host !== undefined && isWildcardHost(host) && !publicUrl) {
    warnings.push({
      path: 'api.publicUrl',
      message: `not set while the API listens on every address (${listen}): the QR codes and e-mail links use this machine's first LAN address, which may not be the one phones reach`,
      allowed: 'set it to the URL phones reach this room at, e.g. http://10.0.0.20:8080',
    });
  }
  if (isPlain(config.meetings) && text(config.meetings.publicUrl) && !(isPlain(config.api) && text(config.api.publicUrl))) {
    warnings.push({ path: 'meetings.publicUrl', message: 'is the old place of the public URL; move it to api.publicUrl (it is still read here meanwhile)' });
  }
  return warnings;
}
