/**
 * Turning the room's plain text (simple Markdown: `#` headings, `- ` bullets, `- [ ]`
 * checkboxes, `**bold**`) into what each chat tool renders, safely and within its size.
 * The text carries what people typed (decisions, notes, comments), so nothing in it may
 * become a mention of everyone or a link the room did not write.
 */
import type { NotifyMessage } from './notify-message.js';

/** Slack's mrkdwn treats `&`, `<` and `>` as control characters (`<!channel>`, `<url|label>`). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Feishu text turns `<at user_id="all">` into @everyone and WeCom markdown turns `<@userid>`
 * into a mention; a look-alike angle bracket keeps the words and loses the power.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/<(\/?)(at\b|@)/gi, '‹$1$2');
}

/** Task-list boxes no chat card draws: ☐ open, ☑ done. */
function checkboxes(line: string): string {
  return line.replace(/^(\s*)[-*] \[ \] /, '$1☐ ').replace(/^(\s*)[-*] \[[xX]\] /, '$1☑ ');
}

/** Slack mrkdwn: headings and `**bold**` become `*bold*`, bullets become `•`. */
export function markdownToSlack(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return `*${heading[1]!.replace(/\*\*/g, '')}*`;
      return checkboxes(line)
        .replace(/\*\*(.+?)\*\*/g, '*$1*')
        .replace(/^(\s*)- /, '$1• ');
    })
    .join('\n');
}

/** Teams Adaptive Card text: Markdown without headings or task lists. */
export function markdownToTeams(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      return heading ? `**${heading[1]}**` : checkboxes(line);
    })
    .join('\n');
}

/** DingTalk and WeCom draw headings but not task lists. */
export function markdownWithoutTaskLists(text: string): string {
  return text.split('\n').map(checkboxes).join('\n');
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

/** The note that ends a shortened message, in the message's language: where the whole text is. */
function shortenedNote({ link, locale }: Pick<NotifyMessage, 'link' | 'locale'>): string {
  if (locale === 'zh-CN') return link ? `\n\n…（已截短）全文：${link}` : '\n\n…（已截短）';
  return link ? `\n\n… shortened; the full text: ${link}` : '\n\n… shortened';
}

/**
 * The longest head of `text` (cut at a line end when one is near) for which `size(head)`
 * fits `limit`, with the shortened-note appended; `text` itself when it fits. `size` measures
 * the whole request as the tool counts it, so JSON escaping and the envelope are included.
 */
export function fitText(text: string, limit: number, size: (candidate: string) => number, message: Pick<NotifyMessage, 'link' | 'locale'>): string {
  if (size(text) <= limit) return text;
  const chars = Array.from(text);
  const note = shortenedNote(message);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size(chars.slice(0, mid).join('') + note) <= limit) low = mid;
    else high = mid - 1;
  }
  const head = chars.slice(0, low).join('');
  const lineEnd = head.lastIndexOf('\n');
  // Prefer a whole line unless that would throw away more than a fifth of what fits.
  const cut = lineEnd > head.length * 0.8 ? head.slice(0, lineEnd) : head;
  return cut + note;
}
