import { Type } from '@sinclair/typebox';
import { hexPreview, type DeviceIdentity, type DriverProbe, type ProposeContext, type ProposedEntry } from '../core/device-discovery.js';
import { parseGreeting, PJLINK_PORT } from './pjlink-codec.js';

/**
 * A PJLink display greets every connection with `PJLINK 0` (no password) or `PJLINK 1 <random>`
 * (password needed) before it is asked anything, so the greeting alone names the protocol.
 */
export const pjlinkProbe: DriverProbe = {
  protocol: 'PJLink',
  tcp: {
    port: PJLINK_PORT,
    label: 'PJLink greeting',
    complete: (bytes) => bytes.includes(0x0d) || bytes.length > 256,
    interpret(bytes, where) {
      const line = bytes.toString('latin1').split('\r')[0]!;
      const greeting = parseGreeting(line);
      if (greeting.kind === 'open' || greeting.kind === 'auth') {
        const auth = greeting.kind === 'auth';
        return { ok: true, settings: { auth }, detail: `PJLink display at ${where}${auth ? ' (password required)' : ''}` };
      }
      if (greeting.kind === 'auth-failed') return { ok: false, why: 'PJLink refused the session (ERRA) before any command' };
      return { ok: false, why: `greeted with bytes that are not PJLink (${hexPreview(bytes)})` };
    },
  },
};

/** The answers' `devices.pjlink`: the password displays with authentication on share. */
export const pjlinkCredentials = Type.Object({ password: Type.String({ minLength: 1, description: 'PJLink password of the room\'s displays' }) }, { additionalProperties: false });

export function proposePjlink(identity: DeviceIdentity, context: ProposeContext): ProposedEntry[] {
  if (!('host' in identity.at)) return [];
  const { host, port } = identity.at;
  const password = context.credentials?.password;
  const needsPassword = identity.settings.auth === true;
  if (needsPassword && !password) context.note(`${context.endpoint}: the display asks for a PJLink password; add devices.pjlink.password to the answers`);
  const mac = identity.settings.mac;
  return [
    {
      fields: { host, port: port === PJLINK_PORT ? undefined : port, password: needsPassword ? password : undefined },
      detail: `${identity.detail}${typeof mac === 'string' ? ` (MAC ${mac})` : ''}`,
    },
  ];
}
