import { RoomctlError, type ErrorCode } from '../core/errors.js';
import { child, descendant, parseXml, textOf, type XmlNode } from './onvif-xml.js';

/** What a SOAP fault says, read from the response body. */
export interface ReadFault {
  /** `Sender` or `Receiver`. */
  side: string;
  /** Subcode values without prefix, outermost first: ['InvalidArgVal', 'NoToken']. */
  subcodes: string[];
  reason: string;
}

const local = (value: string | undefined) => (value ?? '').replace(/^[^:]*:/, '');

export function readSoapFault(xml: string | undefined): ReadFault | undefined {
  const envelope = xml ? parseXml(xml) : undefined;
  const fault = descendant(envelope, 'Fault');
  if (!fault) return undefined;
  const code = child(fault, 'Code');
  const subcodes: string[] = [];
  let sub: XmlNode | undefined = child(code, 'Subcode');
  while (sub && subcodes.length < 8) {
    subcodes.push(local(textOf(child(sub, 'Value'))));
    sub = child(sub, 'Subcode');
  }
  const reason = textOf(descendant(child(fault, 'Reason'), 'Text')) ?? '';
  return { side: local(textOf(child(code, 'Value'))), subcodes, reason };
}

/** Faults that mean the link itself is fine but the credentials are not. */
const AUTH = new Set(['NotAuthorized', 'FailedAuthentication', 'InvalidSecurity']);
const UNSUPPORTED = new Set(['ActionNotSupported', 'NoPTZProfile', 'NotSupported']);

/**
 * Anything the onvif client hands back as an error → a coded error. SOAP faults keep the
 * link (the camera answered: it refused). A refused or reset connection is `linkBroken`, for
 * the driver to report the link lost. A request that got no answer in time is not: the
 * camera may be slow rather than gone (the watchdog's probe tells the two apart), and the
 * request was sent, so whether the camera did it is unknown; it is never sent again here.
 */
export function onvifError(err: unknown, xml: string | undefined, operation: string, timeoutMs?: number): { error: RoomctlError; linkBroken: boolean } {
  const fault = readSoapFault(xml);
  if (fault) {
    const deepest = fault.subcodes.at(-1) ?? fault.side;
    const details = { operation, fault: fault.subcodes.length ? fault.subcodes.map((s) => `ter:${s}`).join('/') : fault.side, reason: fault.reason };
    const code: ErrorCode = fault.subcodes.some((s) => AUTH.has(s))
      ? 'ROOMCTL_E_DEVICE_AUTH'
      : fault.subcodes.some((s) => UNSUPPORTED.has(s))
        ? 'ROOMCTL_E_NOT_SUPPORTED'
        : 'ROOMCTL_E_DEVICE_REJECTED';
    return { error: new RoomctlError(code, `camera refused ${operation}: ${fault.reason || deepest}`, details), linkBroken: false };
  }
  const message = err instanceof Error ? err.message : String(err);
  const errno = (err as { code?: unknown } | undefined)?.code;
  if (/Digest authentication failed|401/.test(message)) {
    return { error: new RoomctlError('ROOMCTL_E_DEVICE_AUTH', `camera refused the credentials (${operation}): ${message}`, { operation }), linkBroken: false };
  }
  if (/timeout/i.test(message) || errno === 'ETIMEDOUT') {
    const within = timeoutMs === undefined ? '' : ` within ${timeoutMs} ms`;
    return {
      error: new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `${operation} was sent but the camera did not answer${within}: whether it did it is unknown`, {
        operation,
        outcome: 'unknown',
        timeoutMs,
      }),
      linkBroken: false,
    };
  }
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    return { error: new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `camera unreachable (${operation}): ${message}`, { operation, errno }), linkBroken: true };
  }
  // Not SOAP, not a socket error: the camera answered with something that is not ONVIF.
  return {
    error: new RoomctlError('ROOMCTL_E_PROTOCOL', `camera answered ${operation} with something that is not ONVIF: ${message}`, { operation }),
    linkBroken: false,
  };
}

/** A credential refusal, said as what it is: the password (or the user) in the config is wrong, or the account locked. */
export function wrongPassword(err: unknown, endpoint: string, username: string | undefined): unknown {
  const e = err as RoomctlError;
  if (e?.code !== 'ROOMCTL_E_DEVICE_AUTH') return err;
  const user = username ? `user '${username}'` : 'no user (the config gives none)';
  return new RoomctlError(
    'ROOMCTL_E_DEVICE_AUTH',
    // What happened, not what to do: the code's hint says that wherever the error is shown, once.
    `wrong password: the camera at ${endpoint} refused ${user} (${e.message}); the account on the camera may also be locked after failed logins`,
    e.details,
  );
}
