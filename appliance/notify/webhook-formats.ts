import { createHmac } from 'node:crypto';
import type { WebhookFormat } from './notify-config.js';
import type { NotifyMessage, NotifyRoom } from './notify-message.js';
import { escapeSlack, fitText, markdownToSlack, markdownToTeams, markdownWithoutTaskLists, neutraliseMentions, truncateBytes } from './message-shaping.js';

interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

interface WebhookTarget {
  format: WebhookFormat;
  url: string;
  secret?: string;
}

/**
 * What each tool refuses above (request bytes unless said): DingTalk 20,000; Feishu 20 KB;
 * Teams about 28 KB for a card; Slack 3,000 characters in a section block; WeCom 4,096
 * bytes of markdown content. A longer message is cut with a link to the whole text.
 */
const WEBHOOK_LIMITS = { dingtalk: 20_000, feishu: 20_000, teams: 28_000, slackSectionChars: 3000, wecomContentBytes: 4096 } as const;

const bodyBytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

/** DingTalk signs the URL: HMAC-SHA256(secret, "<ms>\n<secret>"), base64, URL-encoded. */
function dingtalkSignedUrl(url: string, secret: string, now: Date): string {
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', timestamp);
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** Feishu/Lark signs the body: HMAC-SHA256 keyed by "<s>\n<secret>" over nothing, base64. */
function feishuSignature(secret: string, now: Date): { timestamp: string; sign: string } {
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
    case 'wecom': {
      const content = `**${neutraliseMentions(message.title)}**\n${neutraliseMentions(markdownWithoutTaskLists(message.text))}`;
      const fitted = fitText(content, WEBHOOK_LIMITS.wecomContentBytes, (c) => Buffer.byteLength(c), message);
      return { url: target.url, headers, body: { msgtype: 'markdown', markdown: { content: truncateBytes(fitted, WEBHOOK_LIMITS.wecomContentBytes) } } };
    }
    case 'dingtalk': {
      const url = target.secret ? dingtalkSignedUrl(target.url, target.secret, now) : target.url;
      const title = neutraliseMentions(message.title);
      const build = (text: string) => ({
        msgtype: 'markdown',
        markdown: { title, text: `### ${title}\n\n${text.split('\n').join('\n\n')}` },
        at: { atMobiles: [], atUserIds: [], isAtAll: false },
      });
      const text = fitText(neutraliseMentions(markdownWithoutTaskLists(message.text)), WEBHOOK_LIMITS.dingtalk, (t) => bodyBytes(build(t)), message);
      return { url, headers, body: build(text) };
    }
    case 'feishu': {
      const signature = target.secret ? feishuSignature(target.secret, now) : {};
      const build = (text: string) => ({ msg_type: 'text', content: { text: `${neutraliseMentions(message.title)}\n${text}` }, ...signature });
      const text = fitText(neutraliseMentions(markdownWithoutTaskLists(message.text)), WEBHOOK_LIMITS.feishu, (t) => bodyBytes(build(t)), message);
      return { url: target.url, headers, body: build(text) };
    }
    case 'slack': {
      const chars = (t: string) => Array.from(t).length;
      const section = fitText(markdownToSlack(escapeSlack(message.text)), WEBHOOK_LIMITS.slackSectionChars, chars, message);
      const fallback = fitText(`${escapeSlack(message.title)}\n${escapeSlack(message.text)}`, WEBHOOK_LIMITS.slackSectionChars, chars, message);
      return {
        url: target.url,
        headers,
        body: {
          text: fallback,
          blocks: [
            // plain_text is never parsed for mentions or links: the title goes as typed.
            { type: 'header', text: { type: 'plain_text', text: Array.from(message.title).slice(0, 150).join(''), emoji: true } },
            { type: 'section', text: { type: 'mrkdwn', text: section || ' ' } },
          ],
        },
      };
    }
    case 'teams': {
      const build = (text: string) => teamsCard(neutraliseMentions(message.title), text);
      const text = fitText(neutraliseMentions(markdownToTeams(message.text)), WEBHOOK_LIMITS.teams, (t) => bodyBytes(build(t)), message);
      return { url: target.url, headers, body: build(text) };
    }
    case 'json': {
      const body = {
        kind: message.kind,
        room,
        meetingId: message.meetingId ?? null,
        title: message.title,
        text: message.text,
        ...(message.link ? { link: message.link } : {}),
        data: message.data ?? {},
        sentAt: now.toISOString(),
      };
      if (target.secret) headers['x-roomctl-signature'] = `sha256=${createHmac('sha256', target.secret).update(JSON.stringify(body)).digest('hex')}`;
      return { url: target.url, headers, body };
    }
  }
}

/** Teams Workflows take a message with one Adaptive Card attachment (the old MessageCard is refused). */
function teamsCard(title: string, text: string): unknown {
  return {
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
            { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text, wrap: true },
          ],
        },
      },
    ],
  };
}
