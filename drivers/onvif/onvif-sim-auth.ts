import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { child, descendant, textOf, type XmlNode } from './onvif-xml.js';

/**
 * The camera side of ONVIF authentication, for the simulator:
 * - WS-UsernameToken (ONVIF core §5.12): PasswordDigest = Base64(SHA1(nonce + created + password)),
 *   with `created` within five minutes of the camera's clock;
 * - HTTP digest (RFC 7616, MD5, qop=auth), which newer ONVIF profiles require.
 */
export type OnvifAuthMode = 'none' | 'ws-security' | 'digest' | 'any';

export interface OnvifCredentials {
  username: string;
  password: string;
}

const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const REMEMBERED_NONCES = 1000;

const sha1 = (...parts: Buffer[]) => createHash('sha1').update(Buffer.concat(parts)).digest();
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * What ONVIF lets anyone ask (Core spec, access class PRE_AUTH): enough to find the camera's
 * services and clock before logging in. A wrong password therefore first shows at GetProfiles.
 */
export const PRE_AUTH_OPERATIONS = new Set([
  'GetSystemDateAndTime',
  'GetServices',
  'GetServiceCapabilities',
  'GetCapabilities',
  'GetHostname',
  'GetWsdlUrl',
  'GetEndpointReference',
]);

export class OnvifSimAuth {
  private readonly issuedDigestNonces = new Set<string>();
  readonly realm = 'roomctl-onvif-sim';
  /** Logins refused so far, and since when the account is locked (the `lockout` quirk). */
  failedLogins = 0;
  private lockedUntil = 0;

  constructor(
    readonly mode: OnvifAuthMode,
    private credentials: OnvifCredentials | undefined,
    private readonly lockout?: { attempts: number; lockMs: number },
  ) {}

  /** Someone changed the password on the camera's own page. */
  setPassword(password: string): void {
    if (this.credentials) this.credentials = { ...this.credentials, password };
  }

  get locked(): boolean {
    return Date.now() < this.lockedUntil;
  }

  /** A request with credentials that did not pass: counts towards the lock-out. */
  noteFailure(): void {
    this.failedLogins++;
    if (this.lockout && this.failedLogins % this.lockout.attempts === 0) this.lockedUntil = Date.now() + this.lockout.lockMs;
  }

  /** True when the envelope carries a UsernameToken for our user with the right password digest. */
  checkUsernameToken(envelope: XmlNode | undefined, now = Date.now()): boolean {
    const creds = this.credentials;
    const token = descendant(child(envelope, 'Header'), 'UsernameToken');
    if (!creds || !token) return false;
    if (textOf(child(token, 'Username')) !== creds.username) return false;
    const passwordNode = child(token, 'Password');
    const password = textOf(passwordNode) ?? '';
    if ((passwordNode?.attrs.Type ?? '').endsWith('#PasswordText')) return equal(password, creds.password);
    const nonce = textOf(child(token, 'Nonce')) ?? '';
    const created = textOf(child(token, 'Created')) ?? '';
    const createdAt = Date.parse(created);
    if (!nonce || !Number.isFinite(createdAt) || Math.abs(now - createdAt) > MAX_CLOCK_SKEW_MS) return false;
    // No replay cache, deliberately: libonvif reseeds rand() with the current second, so it
    // sends byte-identical tokens for requests in the same millisecond, and cameras in the
    // field accept them. Freshness of `created` is what limits a replay here.
    const expected = sha1(Buffer.from(nonce, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(creds.password, 'utf8')).toString('base64');
    if (!equal(password, expected)) return false;
    return true;
  }

  /** The WWW-Authenticate header of a 401 answer. */
  digestChallenge(): string {
    const nonce = randomBytes(16).toString('hex');
    this.issuedDigestNonces.add(nonce);
    if (this.issuedDigestNonces.size > REMEMBERED_NONCES) this.issuedDigestNonces.delete(this.issuedDigestNonces.values().next().value!);
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5`;
  }

  /** True when an `Authorization: Digest …` header answers one of our challenges correctly. */
  checkDigest(header: string | undefined, method: string): boolean {
    const creds = this.credentials;
    if (!creds || !header?.startsWith('Digest ')) return false;
    const p: Record<string, string> = {};
    for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]!] = m[2] ?? m[3] ?? '';
    if (p.username !== creds.username || p.realm !== this.realm || !p.nonce || !this.issuedDigestNonces.has(p.nonce) || !p.uri) return false;
    const ha1 = md5(`${creds.username}:${this.realm}:${creds.password}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = p.qop ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    return equal(p.response ?? '', expected);
  }
}
