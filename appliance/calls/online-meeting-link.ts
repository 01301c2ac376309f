import { PROVIDERS, type ProviderId, type ProviderRule } from './online-providers.js';

/**
 * The online meeting an invitation points at: which service, the join link to open, and
 * the meeting id, passcode and video dial string where the invitation carries them.
 * `provider: 'web'` is a link on a domain the room's config allows; `'sip'` a dial string
 * only (shown, dialled only by a SIP codec).
 */
export interface OnlineMeeting {
  provider: ProviderId | 'web' | 'sip';
  /** Provider's name for the Join button. */
  name: string;
  url: string;
  meetingId?: string;
  passcode?: string;
  dialString?: string;
}

/** Where an invitation may carry the link, most specific first (RFC 7986 CONFERENCE, Teams' own property, URL, LOCATION, the description). */
interface InviteFields {
  conference?: readonly string[];
  teamsUrl?: string;
  url?: string;
  location?: string;
  description?: string;
}

export interface LinkPolicy {
  /** Hosts (and their subdomains) of self-hosted Jitsi servers. */
  jitsiDomains?: readonly string[];
  /** Other hosts whose links may be opened on the room's screen (a company's own meeting server). */
  allowDomains?: readonly string[];
}

const hostMatches = (host: string, domain: string) => host === domain || host.endsWith(`.${domain.replace(/^\./, '')}`);

/** Every http(s) link in free text (Outlook wraps them in <…>; Chinese text ends them with full-width punctuation). */
function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"'）)\]，。、；]+/gi)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

function parse(link: string): URL | undefined {
  try {
    return new URL(link.trim());
  } catch {
    return undefined;
  }
}

/**
 * The provider a link belongs to, or undefined when it must not be opened: not https, a
 * user name in it (`https://zoom.us@evil.example`), another port, a host that only looks
 * like the provider's, or a page of the provider's that is no meeting.
 */
export function providerOf(link: string, policy: LinkPolicy = {}): { rule: ProviderRule | undefined; url: URL } | undefined {
  const url = parse(link);
  if (!url || url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && url.port === '') {
    for (const rule of PROVIDERS) {
      const domains = rule.id === 'jitsi' ? [...rule.domains, ...(policy.jitsiDomains ?? [])] : rule.domains;
      if (domains.some((d) => hostMatches(host, d.toLowerCase())))
        return rule.joinPath.test(url.pathname + (rule.id === 'teams' ? url.search : '')) ? { rule, url } : undefined;
    }
  }
  // A domain the room's config allows: its own word, http too (a company's server on the LAN).
  if ((url.protocol === 'https:' || url.protocol === 'http:') && (policy.allowDomains ?? []).some((d) => hostMatches(host, d.toLowerCase())))
    return { rule: undefined, url };
  return undefined;
}

const digits = (s: string) => s.replace(/[\s-]/g, '');

/** "Meeting ID: 850 1234 5678", "会议号：123-456-789", "#腾讯会议：123 456 789", "Meeting number: 2551 234 5678". */
function meetingIdIn(text: string): string | undefined {
  const m = /(?:meeting\s*id|meeting\s*number|会议\s*(?:号|id|ID)|#?腾讯会议|会议号码)\s*(?:\([^)]*\)|（[^）]*）)?\s*[:：]?\s*(\d[\d \-]{6,}\d)/i.exec(text);
  return m ? digits(m[1]!) : undefined;
}

/** "Passcode: 123456", "Password: abc", "会议密码：1234", "入会密码：1234". */
function passcodeIn(text: string): string | undefined {
  return /(?:passcode|meeting\s*password|password|会议密码|入会密码|密码)\s*[:：]\s*([^\s,，;；]{3,20})/i.exec(text)?.[1];
}

/** `sip:…`, `h323:…`, or a video address given as user@host after "video" words. */
function dialStringIn(text: string): string | undefined {
  const uri = /\b(?:sips?|h323):[^\s<>"'，。]+/i.exec(text)?.[0];
  if (uri) return uri.replace(/[.,;]+$/, '');
  // "Join by video system\nDial 2551…@acme.webex.com", "Video address: …", "视频会议系统：…"
  return /(?:video\s*(?:address|system|conferencing)|视频(?:会议)?(?:系统|地址))[^@\n]*\n?[^@\n]*?\b([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})/i.exec(text)?.[1];
}

/** The online meeting of an invitation, or null when it has none the room may open or show. */
export function onlineMeetingOf(fields: InviteFields, policy: LinkPolicy = {}): OnlineMeeting | null {
  const candidates = [
    ...(fields.conference ?? []),
    fields.teamsUrl,
    fields.url,
    ...linksIn(fields.location ?? ''),
    ...linksIn(fields.description ?? ''),
  ].filter((c): c is string => !!c);
  const text = [fields.location ?? '', fields.description ?? ''].join('\n');
  const dialString = [...(fields.conference ?? []), text].map(dialStringIn).find(Boolean);
  for (const candidate of candidates) {
    const found = providerOf(candidate, policy);
    if (!found) continue;
    const { rule, url } = found;
    url.hash = '';
    const meetingId = rule?.meetingIdOf?.(url) ?? meetingIdIn(text);
    const passcode = rule?.passcodeOf?.(url) ?? passcodeIn(text);
    return {
      provider: rule?.id ?? 'web',
      name: rule?.name ?? url.hostname,
      url: url.href,
      ...(meetingId ? { meetingId } : {}),
      ...(passcode ? { passcode } : {}),
      ...(dialString ? { dialString } : {}),
    };
  }
  return dialString ? { provider: 'sip', name: 'Video call (SIP)', url: dialString.includes(':') ? dialString : `sip:${dialString}`, dialString } : null;
}
