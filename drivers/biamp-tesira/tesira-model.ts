import { EventEmitter } from 'node:events';
import { formatTtpValue, type TtpValue } from './tesira-codec.js';

export interface TesiraBlockSpec {
  type: 'level' | 'mute';
  channels: number;
}

export interface TesiraModelOptions {
  /** Instance tag → block. Default: Level1 (4 ch), Mute1 (4 ch), MicMute (1 ch). */
  blocks?: Record<string, TesiraBlockSpec>;
}

interface Block {
  type: 'level' | 'mute';
  levels: number[];
  mutes: boolean[];
}

/** What a session is subscribed to; subscriptions die with the session, as on a real Tesira. */
export interface TtpSession {
  push(line: string): void;
  subscriptions: Map<string, { tag: string; attribute: string; index: number }>;
}

const MIN_LEVEL = -100;
const MAX_LEVEL = 12;

/**
 * A Tesira server's DSP blocks (no sockets): level and mute get/set/increment/decrement/toggle,
 * subscriptions with publish tokens, `SESSION get aliases`, and the server's error replies.
 * Emits 'change' (tag, attribute, index, value) so every subscribed session hears it.
 */
export class TesiraModel extends EventEmitter {
  readonly blocks = new Map<string, Block>();
  /** Every command line received, across sessions. */
  readonly received: string[] = [];
  private readonly sessions = new Set<TtpSession>();

  constructor(options: TesiraModelOptions = {}) {
    super();
    const specs = options.blocks ?? { Level1: { type: 'level', channels: 4 }, Mute1: { type: 'mute', channels: 4 }, MicMute: { type: 'mute', channels: 1 } };
    for (const [tag, spec] of Object.entries(specs)) {
      this.blocks.set(tag, { type: spec.type, levels: Array<number>(spec.channels).fill(0), mutes: Array<boolean>(spec.channels).fill(false) });
    }
  }

  openSession(push: (line: string) => void): TtpSession {
    const session: TtpSession = { push, subscriptions: new Map() };
    this.sessions.add(session);
    return session;
  }

  closeSession(session: TtpSession): void {
    this.sessions.delete(session);
  }

  /** Something outside TTP changed a block (a wall panel, Tesira software, logic input). */
  setFromOutside(tag: string, attribute: 'level' | 'mute', index: number, value: TtpValue): void {
    const block = this.blocks.get(tag);
    if (!block) throw new Error(`no block ${tag}`);
    if (attribute === 'mute') block.mutes[index - 1] = Boolean(value);
    else block.levels[index - 1] = Number(value);
    this.changed(tag, attribute, index);
  }

  /** One command line → the reply line (without CRLF). */
  handle(line: string, session: TtpSession): string {
    this.received.push(line);
    const words = line.trim().split(/\s+/);
    const [tag, verb, attribute, indexText, arg, rateText] = words;
    if (tag === 'SESSION' && verb === 'get' && attribute === 'aliases') {
      return `+OK "list":[${[...this.blocks.keys()].map((t) => `"${t}"`).join(' ')}]`;
    }
    if (!tag || !verb || !attribute) return '-ERR Parse error: bad command line';
    const block = this.blocks.get(tag);
    if (!block) return '-ERR address not found: {"deviceId":0 "classCode":0 "instanceNum":0}';
    if (!['get', 'set', 'increment', 'decrement', 'toggle', 'subscribe', 'unsubscribe'].includes(verb)) return `-ERR Unknown command ${verb}`;
    const isLevel = attribute === 'level' && block.type === 'level';
    if (!isLevel && attribute !== 'mute') return '-ERR INVALID_ATTRIBUTE';
    const index = Number(indexText);
    if (!Number.isInteger(index) || index < 1 || index > block.mutes.length) return '-ERR INVALID_PARAMETER: index out of range';
    const read = (): TtpValue => (isLevel ? block.levels[index - 1]! : block.mutes[index - 1]!);

    switch (verb) {
      case 'get':
        return `+OK "value":${formatTtpValue(read())}`;
      case 'set':
      case 'increment':
      case 'decrement': {
        if (isLevel) {
          const n = Number(arg);
          if (arg === undefined || !Number.isFinite(n)) return '-ERR INVALID_PARAMETER: expected a number';
          const next = verb === 'set' ? n : block.levels[index - 1]! + (verb === 'increment' ? n : -n);
          block.levels[index - 1] = Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, next));
        } else {
          if (verb !== 'set' || (arg !== 'true' && arg !== 'false')) return '-ERR INVALID_PARAMETER: expected true or false';
          block.mutes[index - 1] = arg === 'true';
        }
        this.changed(tag, attribute, index);
        return '+OK';
      }
      case 'toggle':
        if (isLevel) return '-ERR WRONG_STATE: toggle needs a boolean attribute';
        block.mutes[index - 1] = !block.mutes[index - 1];
        this.changed(tag, attribute, index);
        return '+OK';
      case 'subscribe': {
        if (!arg || !/^[A-Za-z0-9_.-]{1,64}$/.test(arg)) return '-ERR INVALID_PARAMETER: expected a publish token';
        session.subscriptions.set(arg, { tag, attribute, index });
        // The current value follows the +OK at once, as on the real server.
        setImmediate(() => session.push(`! "publishToken":"${arg}" "value":${formatTtpValue(read())}`));
        void rateText;
        return '+OK';
      }
      case 'unsubscribe':
        if (!arg || !session.subscriptions.delete(arg)) return '-ERR INVALID_PARAMETER: no such subscription';
        return '+OK';
      default:
        return `-ERR Unknown command ${verb}`;
    }
  }

  private changed(tag: string, attribute: string, index: number): void {
    const block = this.blocks.get(tag)!;
    const value: TtpValue = attribute === 'level' ? block.levels[index - 1]! : block.mutes[index - 1]!;
    this.emit('change', tag, attribute, index, value);
    for (const session of this.sessions) {
      for (const [token, sub] of session.subscriptions) {
        if (sub.tag === tag && sub.attribute === attribute && sub.index === index) session.push(`! "publishToken":"${token}" "value":${formatTtpValue(value)}`);
      }
    }
  }
}
