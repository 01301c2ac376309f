import type { DeviceIdentity, DriverProbe, ProposeContext, ProposedEntry } from '../core/device-discovery.js';
import { hexPreview, hostEntryFields, sharedPasswordCredentials } from '../core/device-discovery.js';
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
export const pjlinkCredentials = sharedPasswordCredentials("PJLink password of the room's displays");

export function proposePjlink(identity: DeviceIdentity, context: ProposeContext): ProposedEntry[] {
  const asks = 'the display asks for a PJLink password; add devices.pjlink.password to the answers';
  const fields = hostEntryFields(identity, context, { defaultPort: PJLINK_PORT, needsPassword: identity.settings.auth === true, asks });
  const mac = identity.settings.mac;
  return fields ? [{ fields, detail: `${identity.detail}${typeof mac === 'string' ? ` (MAC ${mac})` : ''}` }] : [];
}
