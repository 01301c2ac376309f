import { createHmac } from 'node:crypto';
import type { WebhookFormat } from './notify-config.js';
import type { NotifyMessage, NotifyRoom } from './notify-message.js';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface WebhookTarget {
  format: WebhookFormat;
  url: string;
  secret?: string;
}

/** Cuts text to a byte budget (WeCom counts UTF-8 bytes) without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > maxBytes) break;
    out += ch;
  }
  return `${out}…`;
}

const plain = (m: NotifyMessage) => `${m.title}\n${m.text}`;

/** DingTalk signs the URL: HMAC-SHA256(secret, "<ms>\n<secret>"), base64, URL-encoded. */
export function dingtalkSignedUrl(url: string, secret: string, now: Date): string {
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', timestamp);
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** Feishu/Lark signs the body: HMAC-SHA256 keyed by "<s>\n<secret>" over nothing, base64. */
export function feishuSignature(secret: string, now: Date): { timestamp: string; sign: string } {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
  return { timestamp, sign };
}

/**
 * The exact request each chat tool's incoming webhook expects:
 * - WeCom (企业微信) group robot: {msgtype:"markdown", markdown:{content}} — content ≤ 4096 bytes
 * - DingTalk robot: {msgtype:"markdown", markdown:{title,text}}, signed URL when a secret is set
 * - Feishu/Lark bot v2: {msg_type:"text", content:{text}}, plus {timestamp, sign} with a secret
 * - Slack incoming webhook: {text, blocks:[header, section(mrkdwn)]}
 * - Microsoft Teams (Workflows "When a Teams webhook request is received"): a message with one
 *   Adaptive Card attachment — Workflows no longer accept the old MessageCard
 * - generic JSON: the message as data, signed with X-Roomctl-Signature when a secret is set
 */
export function webhookRequest(target: WebhookTarget, message: NotifyMessage, room: NotifyRoom, now: Date): WebhookRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  switch (target.format) {
    case 'wecom':
      return { url: target.url, headers, body: { msgtype: 'markdown', markdown: { content: truncateBytes(`**${message.title}**\n${message.text}`, 4096) } } };
    case 'dingtalk': {
      const url = target.secret ? dingtalkSignedUrl(target.url, target.secret, now) : target.url;
      const text = `### ${message.title}\n\n${message.text.split('\n').join('\n\n')}`;
      return { url, headers, body: { msgtype: 'markdown', markdown: { title: message.title, text }, at: { atMobiles: [], atUserIds: [], isAtAll: false } } };
    }
    case 'feishu': {
      const body: Record<string, unknown> = { msg_type: 'text', content: { text: plain(message) } };
      if (target.secret) Object.assign(body, feishuSignature(target.secret, now));
      return { url: target.url, headers, body };
    }
    case 'slack':
      return {
        url: target.url,
        headers,
        body: {
          text: truncateBytes(plain(message), 3000),
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150), emoji: true } },
            { type: 'section', text: { type: 'mrkdwn', text: message.text.slice(0, 3000) || ' ' } },
          ],
        },
      };
    case 'teams':
      return {
        url: target.url,
        headers,
        body: {
          type: 'message',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              contentUrl: null,
              content: {
                $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                type: 'AdaptiveCard',
                version: '1.4',
                body: [
                  { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
                  { type: 'TextBlock', text: message.text, wrap: true },
                ],
              },
            },
          ],
        },
      };
    case 'json': {
      const body = { kind: message.kind, room, meetingId: message.meetingId ?? null, title: message.title, text: message.text, data: message.data ?? {}, sentAt: now.toISOString() };
      if (target.secret) headers['x-roomctl-signature'] = `sha256=${createHmac('sha256', target.secret).update(JSON.stringify(body)).digest('hex')}`;
      return { url: target.url, headers, body };
    }
  }
}

/**
 * Whether the chat tool accepted the message. They answer HTTP 200 even when they refuse,
 * with a code in the body: WeCom/DingTalk `errcode`, Feishu `code` (older: `StatusCode`).
 */
export function acceptedBy(format: WebhookFormat, status: number, bodyText: string): { ok: boolean; detail: string } {
  if (status < 200 || status >= 300) return { ok: false, detail: `HTTP ${status}: ${bodyText.slice(0, 200)}` };
  if (format === 'wecom' || format === 'dingtalk' || format === 'feishu') {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(bodyText) as Record<string, unknown>;
    } catch {
      return { ok: false, detail: `unexpected reply: ${bodyText.slice(0, 200)}` };
    }
    const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode ?? 0;
    if (code !== 0) return { ok: false, detail: `refused (${String(code)}): ${String(parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '')}` };
  }
  return { ok: true, detail: `HTTP ${status}` };
}
