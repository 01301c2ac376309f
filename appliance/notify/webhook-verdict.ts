import type { WebhookFormat } from './notify-config.js';

/**
 * What a chat tool's answer means for the outbox. `permanent`: sending the same message
 * again can never work (a deleted webhook, a bad signature, a message too long), so it is
 * given up at once instead of being retried for days. `retryAfterMs`: the tool said when.
 */
interface WebhookVerdict {
  ok: boolean;
  detail: string;
  permanent: boolean;
  retryAfterMs?: number;
}

/**
 * Codes the tools put in an HTTP 200 body that mean "try again later" (rate limits, a busy
 * system). Every other non-zero code is a refusal of this message or this webhook:
 * - WeCom: 45009 api freq out of limit (20 messages a minute per robot), -1 system busy;
 *   permanent e.g. 93000 invalid webhook url, 40058 content too long.
 * - DingTalk: 130101 send too fast (20 a minute), -1 system busy; permanent e.g. 310000
 *   keyword/signature/IP check failed, 300001 token does not exist, 460101 message too long.
 * - Feishu/Lark: 11232 frequency limited, 9499 only when it says "too many requests";
 *   permanent e.g. 19021 bad signature, 19022 IP not allowed, 19024 keyword missing,
 *   19001 invalid webhook token.
 */
const TEMPORARY_CODES: Record<'wecom' | 'dingtalk' | 'feishu', readonly number[]> = {
  wecom: [45009, -1, 45033],
  dingtalk: [130101, -1, 400013],
  feishu: [11232, 11233],
};

/** HTTP statuses after which the same request may work later. */
const TEMPORARY_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);

/** `Retry-After` as seconds or an HTTP date, in ms from now; undefined when absent or nonsense. */
function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function httpVerdict(status: number, bodyText: string, retryAfterMs: number | undefined): WebhookVerdict {
  const temporary = TEMPORARY_HTTP.has(status);
  return {
    ok: false,
    detail: `HTTP ${status}: ${bodyText.slice(0, 200)}`,
    permanent: !temporary,
    ...(temporary && retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/**
 * A legacy Office 365 connector answers HTTP 200 even when Teams refused the card, with
 * the refusal as text ("Microsoft Teams endpoint returned HTTP error 413 …", "Webhook
 * message delivery failed with error: …"); its success body is "1". Workflows answer 202
 * with no body.
 */
function teamsVerdict(status: number, bodyText: string): WebhookVerdict {
  const text = bodyText.trim();
  if (text === '' || text === '1') return { ok: true, detail: `HTTP ${status}`, permanent: false };
  const inner = /HTTP error (\d{3})/i.exec(text);
  if (inner) return { ...httpVerdict(Number(inner[1]), text, undefined), detail: `refused: ${text.slice(0, 200)}` };
  if (/error|fail|denied|throttl|invalid/i.test(text))
    return { ok: false, detail: `refused: ${text.slice(0, 200)}`, permanent: !/throttl|too many/i.test(text) };
  return { ok: true, detail: `HTTP ${status}`, permanent: false };
}

/**
 * Whether the chat tool accepted the message. They answer HTTP 200 even when they refuse,
 * with a code in the body: WeCom/DingTalk `errcode`, Feishu `code` (older: `StatusCode`).
 */
export function webhookVerdict(format: WebhookFormat, status: number, bodyText: string, retryAfter: string | null, now: Date): WebhookVerdict {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  if (status < 200 || status >= 300) return httpVerdict(status, bodyText, retryAfterMs);
  if (format === 'teams') return teamsVerdict(status, bodyText);
  if (format !== 'wecom' && format !== 'dingtalk' && format !== 'feishu') return { ok: true, detail: `HTTP ${status}`, permanent: false };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    // Not the tool's JSON at all (a proxy's page, a captive portal): may be gone later.
    return { ok: false, detail: `unexpected reply: ${bodyText.slice(0, 200)}`, permanent: false };
  }
  const code = Number(parsed.errcode ?? parsed.code ?? parsed.StatusCode ?? 0);
  if (code === 0) return { ok: true, detail: `HTTP ${status}`, permanent: false };
  const words = String(parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '');
  const temporary = TEMPORARY_CODES[format].includes(code) || /too many|frequency|too fast|busy/i.test(words);
  return { ok: false, detail: `refused (${code}): ${words}`, permanent: !temporary, ...(temporary && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}
