import { createHmac } from 'node:crypto';
import type { WebhookFormat } from '../notify-config.js';
import type { ReceivedRequest, Reply } from './http-receiver.js';

/**
 * Webhook receivers that judge a request the way each chat tool documents it: the size it
 * refuses, the signature it checks, the error body it answers with. They are written from
 * the tools' documentation, not from our sender, so a sender that only agrees with itself
 * fails here.
 */
export interface PlatformRules {
  /** Signing secret the receiver checks (DingTalk: URL `timestamp`+`sign`; Feishu: body). */
  secret?: string;
}

const ok = (body: unknown): Reply => ({ status: 200, body: JSON.stringify(body) });
const bytes = (r: ReceivedRequest) => Buffer.byteLength(r.body);

function wecom(r: ReceivedRequest): Reply {
  const content = (r.json as { markdown?: { content?: string } } | undefined)?.markdown?.content ?? '';
  if (Buffer.byteLength(content) > 4096) return ok({ errcode: 40058, errmsg: 'markdown.content exceed max length 4096' });
  return ok({ errcode: 0, errmsg: 'ok' });
}

function dingtalk(r: ReceivedRequest, rules: PlatformRules): Reply {
  if (rules.secret) {
    const url = new URL(r.url, 'http://x');
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const expected = createHmac('sha256', rules.secret).update(`${timestamp}\n${rules.secret}`).digest('base64');
    if (url.searchParams.get('sign') !== expected) return ok({ errcode: 310000, errmsg: 'sign not match' });
  }
  if (bytes(r) > 20_000) return ok({ errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' });
  return ok({ errcode: 0, errmsg: 'ok' });
}

function feishu(r: ReceivedRequest, rules: PlatformRules): Reply {
  if (rules.secret) {
    const body = r.json as { timestamp?: string; sign?: string };
    const expected = createHmac('sha256', `${body.timestamp}\n${rules.secret}`).update('').digest('base64');
    if (body.sign !== expected) return ok({ code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
  }
  if (bytes(r) > 20 * 1024) return ok({ code: 9499, msg: 'Bad Request: request body too large' });
  return ok({ code: 0, msg: 'success', data: {} });
}

function slack(r: ReceivedRequest): Reply {
  const body = r.json as { blocks?: { text?: { text?: string } }[] } | undefined;
  if (body?.blocks?.some((b) => Array.from(b.text?.text ?? '').length > 3000)) return { status: 400, body: 'invalid_blocks', contentType: 'text/plain' };
  return { status: 200, body: 'ok', contentType: 'text/plain' };
}

function teams(r: ReceivedRequest): Reply {
  if (bytes(r) > 28 * 1024) return { status: 413, body: '{"error":{"code":"RequestEntityTooLarge"}}' };
  return { status: 202, body: '' };
}

/** The receiver for one tool, for `HttpReceiver.respond`. */
export function platformReceiver(format: WebhookFormat, rules: PlatformRules = {}): (r: ReceivedRequest) => Reply {
  switch (format) {
    case 'wecom':
      return wecom;
    case 'dingtalk':
      return (r) => dingtalk(r, rules);
    case 'feishu':
      return (r) => feishu(r, rules);
    case 'slack':
      return slack;
    case 'teams':
      return teams;
    case 'json':
      return () => ({ status: 204, body: '' });
  }
}
