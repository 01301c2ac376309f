/**
 * The telnet layer under Tesira's TTP (RFC 854/855), as a pure filter: bytes in, application
 * data and our answers out. Tesira opens every session with option requests (DO TTYPE, ...)
 * and waits for answers before its banner; we refuse every option, which leaves a plain
 * line-mode session: DO x → WONT x, WILL x → DONT x. Subnegotiation is skipped, bounded.
 */
export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const SE = 240;

export type TelnetVerb = 'DO' | 'DONT' | 'WILL' | 'WONT';
const VERBS: Record<number, TelnetVerb> = { [DO]: 'DO', [DONT]: 'DONT', [WILL]: 'WILL', [WONT]: 'WONT' };
/** A subnegotiation longer than this is nonsense; we stop collecting it. */
const MAX_SUBNEGOTIATION = 256;

export interface TelnetOutput {
  /** Application bytes, with IAC IAC unescaped. */
  data: Buffer;
  /** Bytes to send back (our refusals). */
  replies: Buffer;
  /** Option requests seen, in order, for logs and tests. */
  requests: Array<{ verb: TelnetVerb; option: number }>;
}

type State = 'data' | 'iac' | 'verb' | 'sb' | 'sb-iac';

export class TelnetFilter {
  private state: State = 'data';
  private verb = 0;
  private sbLength = 0;
  /** Options already refused, so a peer that repeats a request does not start a loop. */
  private readonly answered = new Set<string>();

  push(chunk: Uint8Array): TelnetOutput {
    const data: number[] = [];
    const replies: number[] = [];
    const requests: TelnetOutput['requests'] = [];
    for (const byte of chunk) {
      switch (this.state) {
        case 'data':
          if (byte === IAC) this.state = 'iac';
          else data.push(byte);
          break;
        case 'iac':
          if (byte === IAC) {
            data.push(IAC);
            this.state = 'data';
          } else if (byte >= WILL && byte <= DONT) {
            this.verb = byte;
            this.state = 'verb';
          } else if (byte === SB) {
            this.sbLength = 0;
            this.state = 'sb';
          } else {
            // NOP, GA, AYT and the other two-byte commands carry nothing for us.
            this.state = 'data';
          }
          break;
        case 'verb': {
          const verb = VERBS[this.verb]!;
          requests.push({ verb, option: byte });
          const key = `${verb}:${byte}`;
          if ((verb === 'DO' || verb === 'WILL') && !this.answered.has(key)) {
            this.answered.add(key);
            replies.push(IAC, verb === 'DO' ? WONT : DONT, byte);
          }
          this.state = 'data';
          break;
        }
        case 'sb':
          if (byte === IAC) this.state = 'sb-iac';
          else if (++this.sbLength > MAX_SUBNEGOTIATION) this.state = 'data';
          break;
        case 'sb-iac':
          this.state = byte === SE ? 'data' : 'sb';
          break;
      }
    }
    return { data: Buffer.from(data), replies: Buffer.from(replies), requests };
  }
}

/** Escapes IAC in application data we send (TTP never has it, but a value might). */
export function escapeIac(bytes: Buffer): Buffer {
  if (!bytes.includes(IAC)) return bytes;
  const out: number[] = [];
  for (const b of bytes) out.push(...(b === IAC ? [IAC, IAC] : [b]));
  return Buffer.from(out);
}
