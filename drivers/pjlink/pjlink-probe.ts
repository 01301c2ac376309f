import type { DeviceIdentity, DriverProbe, DriverProvisioning, ProposeContext, ProposedEntry, TcpConversation } from '../core/device-discovery.js';
import { hexPreview, hostEntryFields, sharedPasswordCredentials } from '../core/device-discovery.js';
import { pjlinkDiscovery } from './pjlink-search.js';
import { encodeCommand, parseGreeting, parseResponse, PJLINK_MAX_LINE, PJLINK_PORT } from './pjlink-codec.js';

const wholeLine = (bytes: Buffer) => bytes.includes(0x0d) || bytes.length > PJLINK_MAX_LINE;

/**
 * What the display calls itself: its name (`NAME ?`, set by whoever installed it), else its
 * manufacturer and product (`INF1 ?`, `INF2 ?`). Logs in with the answers' password when the
 * greeting asks for one, and has no name for a display it cannot log in to, that answers ERR1/ERR2,
 * empty values, or nothing.
 */
async function askDisplayName(conversation: TcpConversation, greeting: Buffer, credentials?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const greeted = parseGreeting(greeting.toString('latin1').split('\r')[0]!);
  const password = typeof credentials?.password === 'string' ? credentials.password : undefined;
  if (greeted.kind === 'auth' && !password) return {};
  // Only the first command of a session carries the login digest.
  let login = greeted.kind === 'auth' && password ? { random: greeted.random, password } : undefined;
  let hungUp = false;
  const ask = async (command: string): Promise<string> => {
    if (hungUp) return '';
    const bytes = await conversation.ask(Buffer.from(encodeCommand({ pjlinkClass: 1, command, param: '?' }, login), 'latin1'), wholeLine);
    login = undefined;
    const reply = bytes ? parseResponse(bytes.toString('utf8').split('\r')[0]!) : undefined;
    if (!reply || reply.kind === 'auth-failed') hungUp = true;
    return reply?.kind === 'value' && reply.command === command ? reply.value.trim() : '';
  };
  const name = await ask('NAME');
  if (name) return { name };
  const manufacturer = await ask('INF1');
  const product = await ask('INF2');
  // "EPSON" and "EPSON EB-L1500U": the product often names its maker already.
  const both = product.toLowerCase().startsWith(manufacturer.toLowerCase()) ? product : `${manufacturer} ${product}`.trim();
  return both ? { name: both } : {};
}

/**
 * A PJLink display greets every connection with `PJLINK 0` (no password) or `PJLINK 1 <random>`
 * (password needed) before it is asked anything, so the greeting alone names the protocol.
 */
const pjlinkProbe: DriverProbe = {
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
    identify: askDisplayName,
  },
};

/** The answers' `devices.pjlink`: the password displays with authentication on share. */
const pjlinkCredentials = sharedPasswordCredentials("PJLink password of the room's displays");

function proposePjlink(identity: DeviceIdentity, context: ProposeContext): ProposedEntry[] {
  const asks = 'the display asks for a PJLink password; add devices.pjlink.password to the answers';
  const fields = hostEntryFields(identity, context, { defaultPort: PJLINK_PORT, needsPassword: identity.settings.auth === true, asks });
  const mac = identity.settings.mac;
  const name = identity.settings.name;
  const detail = `${identity.detail}${typeof mac === 'string' ? ` (MAC ${mac})` : ''}`;
  return fields ? [{ fields, detail, ...(typeof name === 'string' ? { name } : {}) }] : [];
}

/** What provisioning asks of PJLink: the class 2 search, the greeting and name, the display's entry. */
export const pjlinkProvisioning: DriverProvisioning = {
  discover: pjlinkDiscovery,
  probe: pjlinkProbe,
  credentials: pjlinkCredentials,
  proposeConfig: proposePjlink,
};
