/**
 * The online-meeting services a room can recognise in an invitation, as data: where their
 * join links live, and how each link carries the meeting's id. Hosts match exactly or as a
 * subdomain (`us02web.zoom.us`), never as a prefix or substring (`zoom.us.example.com` and
 * `evilzoom.us` are not Zoom).
 */
const PROVIDER_IDS = ['teams', 'zoom', 'webex', 'google-meet', 'tencent-meeting', 'feishu', 'dingtalk', 'wecom', 'jitsi'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderRule {
  id: ProviderId;
  /** Shown on the Join button. */
  name: string;
  /** Registrable domains whose hosts (and subdomains) serve the provider's join pages. */
  domains: readonly string[];
  /** Paths that are a join link (a link to the provider's home page or help is not a meeting). */
  joinPath: RegExp;
  /** The meeting id from a join URL, where the URL carries it. */
  meetingIdOf?: (url: URL) => string | undefined;
  /** The passcode from a join URL, where it is the one people type (not an encrypted token). */
  passcodeOf?: (url: URL) => string | undefined;
}

const group = (re: RegExp) => (url: URL) => re.exec(url.pathname)?.[1];

export const PROVIDERS: readonly ProviderRule[] = [
  {
    id: 'teams',
    name: 'Microsoft Teams',
    domains: ['teams.microsoft.com', 'teams.live.com', 'gov.teams.microsoft.us'],
    // /l/meetup-join/<thread>/0?context=…  and the newer /meet/<id>?p=<passcode>
    joinPath: /^\/(l\/meetup-join\/|meet\/\d+|v2\/\?meetingjoin)/,
    meetingIdOf: group(/^\/meet\/(\d+)/),
    passcodeOf: (url) => (/^\/meet\//.test(url.pathname) ? (url.searchParams.get('p') ?? undefined) : undefined),
  },
  {
    id: 'zoom',
    name: 'Zoom',
    domains: ['zoom.us', 'zoom.com', 'zoom.com.cn', 'zoomgov.com'],
    // /j/<id> meeting, /w/<id> webinar, /my/<vanity> personal room, /s/<id> start
    joinPath: /^\/(j|w|s|my)\/[\w.-]+/,
    meetingIdOf: group(/^\/[jws]\/(\d{9,11})\b/),
  },
  {
    id: 'webex',
    name: 'Webex',
    domains: ['webex.com', 'webex.com.cn'],
    // <site>.webex.com/<site>/j.php?MTID=…, /meet/<user> personal room, /join/…, /wbxmjs/joinservice/…
    joinPath: /^\/([\w-]+\/j\.php|meet\/[\w.-]+|join\/|wbxmjs\/joinservice\/|[\w-]+\/e\.php)/,
  },
  {
    id: 'google-meet',
    name: 'Google Meet',
    domains: ['meet.google.com'],
    joinPath: /^\/([a-z]{3}-[a-z]{4}-[a-z]{3}|lookup\/[\w-]+)$/,
    meetingIdOf: group(/^\/([a-z]{3}-[a-z]{4}-[a-z]{3})$/),
  },
  {
    id: 'tencent-meeting',
    name: '腾讯会议 Tencent Meeting',
    domains: ['meeting.tencent.com', 'voovmeeting.com'],
    // /dm/<code>, /dw/<code>, /s/<code>, /p/<personal id>, /l/<code>
    joinPath: /^\/(dm|dw|s|p|l|j)\/[\w-]+/,
    meetingIdOf: group(/^\/p\/(\d{9,12})\b/),
  },
  {
    id: 'feishu',
    name: '飞书会议 Feishu/Lark',
    domains: ['vc.feishu.cn', 'vc.larksuite.com', 'vc.larkoffice.com'],
    joinPath: /^\/j\/\d+/,
    meetingIdOf: group(/^\/j\/(\d+)/),
  },
  {
    id: 'dingtalk',
    name: '钉钉会议 DingTalk',
    domains: ['meeting.dingtalk.com'],
    joinPath: /^\/(j|dm)\/[\w-]+/,
  },
  {
    id: 'wecom',
    name: '企业微信会议 WeCom',
    domains: ['work.weixin.qq.com'],
    joinPath: /^\/webapp\/tm\/[\w-]+/,
  },
  {
    id: 'jitsi',
    name: 'Jitsi Meet',
    domains: ['meet.jit.si', '8x8.vc'],
    // Any room name; the home page and its static files are not meetings.
    joinPath: /^\/(?!static\/|libs\/|images\/|$)[^/]+/,
  },
];
