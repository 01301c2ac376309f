/**
 * Q-SYS Remote Control (QRC): JSON-RPC 2.0 over TCP 1710, each message ending in NUL.
 * Pure functions: objects in, bytes out; text in, values out. Parsers never throw.
 */
export const QRC_PORT = 1710;
export const QRC_MAX_MESSAGE = 256 * 1024;

export type QrcId = number | string;

export type QrcMessage =
  | { kind: 'response'; id: QrcId; result: unknown }
  | { kind: 'error'; id: QrcId | null; code: number; message: string }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'request'; id: QrcId; method: string; params: unknown }
  | { kind: 'invalid'; text: string; reason: string };

export function encodeQrc(message: { id?: QrcId; method: string; params?: unknown }): Buffer {
  const body: Record<string, unknown> = { jsonrpc: '2.0', method: message.method };
  if (message.params !== undefined) body.params = message.params;
  if (message.id !== undefined) body.id = message.id;
  return Buffer.concat([Buffer.from(JSON.stringify(body), 'utf8'), Buffer.of(0)]);
}

export function encodeQrcReply(id: QrcId | null, reply: { result: unknown } | { error: { code: number; message: string } }): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, ...reply }), 'utf8'), Buffer.of(0)]);
}

const isId = (v: unknown): v is QrcId => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 128);

/** One message's text (the NUL already removed) as a value. */
export function parseQrcMessage(text: string): QrcMessage {
  if (typeof text !== 'string') return { kind: 'invalid', text: String(text), reason: 'not text' };
  const trimmed = text.trim();
  if (trimmed.length > QRC_MAX_MESSAGE) return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'message too long' };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'not a JSON-RPC object' };
  const m = value as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'not JSON-RPC 2.0' };
  if (typeof m.method === 'string') {
    if (m.method.length === 0 || m.method.length > 128) return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'bad method name' };
    if (m.id === undefined || m.id === null) return { kind: 'notification', method: m.method, params: m.params };
    if (!isId(m.id)) return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'bad id' };
    return { kind: 'request', id: m.id, method: m.method, params: m.params };
  }
  if ('error' in m) {
    const e = m.error as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.code !== 'number' || !Number.isInteger(e.code))
      return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'bad error object' };
    if (m.id !== null && !isId(m.id)) return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'bad id' };
    return { kind: 'error', id: (m.id ?? null) as QrcId | null, code: e.code, message: typeof e.message === 'string' ? e.message : `error ${e.code}` };
  }
  if ('result' in m && isId(m.id)) return { kind: 'response', id: m.id, result: m.result };
  return { kind: 'invalid', text: trimmed.slice(0, 64), reason: 'neither a request, a response nor an error' };
}

/** QRC error codes (Q-SYS help, "QRC error codes"), for messages a person can read. */
export const QRC_ERRORS: Record<number, string> = {
  [-32700]: 'parse error',
  [-32600]: 'invalid request',
  [-32601]: 'method not found',
  [-32602]: 'invalid params',
  [-32603]: 'server error',
  [-32604]: 'the Core is on standby',
  2: 'invalid page request id',
  3: 'bad page request',
  4: 'missing file',
  5: 'too many change groups',
  6: 'unknown change group',
  7: 'unknown component name',
  8: 'unknown control',
  9: 'illegal mixer channel index',
  10: 'logon required',
};

/** A control as the Core reports it. */
export interface QrcControl {
  Name: string;
  Value?: number | string | boolean;
  String?: string;
  Position?: number;
  Component?: string;
}

/** The `Changes` of a ChangeGroup.Poll, keeping only well-formed entries. */
export function parseChanges(params: unknown): QrcControl[] {
  if (typeof params !== 'object' || params === null) return [];
  const changes = (params as { Changes?: unknown }).Changes;
  if (!Array.isArray(changes)) return [];
  return changes.filter((c): c is QrcControl => typeof c === 'object' && c !== null && typeof (c as QrcControl).Name === 'string');
}
