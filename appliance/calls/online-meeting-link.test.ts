/**
 * Invitations as each service writes them (the body a calendar event carries, re-typed from
 * the services' own invitation layouts with made-up ids), and links that must never open on
 * the room's screen.
 */
import { describe, expect, it } from 'vitest';
import { onlineMeetingOf, providerOf } from './online-meeting-link.js';

const ZOOM = `Topic: Budget review
Time: Dec 8, 2026 10:00 AM Beijing, Shanghai

Join Zoom Meeting
https://us06web.zoom.us/j/85012345678?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ.1

Meeting ID: 850 1234 5678
Passcode: 482913`;

const TEAMS_NEW = `________________________________________________________________________________
Microsoft Teams meeting
Join: https://teams.microsoft.com/meet/21834567890123?p=Xk3fTq9bA2
Meeting ID: 218 345 678 901 23
Passcode: Xk3fTq9bA2
________________________________________________________________________________`;

const TEAMS_OLD =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk3YjUtMmE4Ni00%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%2211aa22bb%22%7d';

const WEBEX = `Join meeting
https://acme.webex.com/acme/j.php?MTID=m3d2f1e0c9b8a7f6e5d4c3b2a1f0e9d8c
Meeting number: 2551 234 5678
Meeting password: Budget26

Join by video system
Dial 25512345678@acme.webex.com`;

const MEET = `Join with Google Meet
https://meet.google.com/abc-defg-hij
Or dial: (US) +1 234-567-8901 PIN: 123 456 789#`;

const TENCENT = `张三 邀请您参加腾讯会议
会议主题：预算评审
会议时间：2026/12/08 10:00-11:00 (GMT+08:00) 中国标准时间 - 北京

点击链接入会，或添加至会议列表：
https://meeting.tencent.com/dm/Ab3dEf9hIj

#腾讯会议：123-456-789
会议密码：2468`;

const FEISHU = `李四 邀请你参加飞书视频会议
会议主题：预算评审
会议时间：2026年12月8日 10:00-11:00 (GMT+8)

点击链接直接加入会议：
https://vc.feishu.cn/j/337736498

会议 ID：337 736 498`;

const DINGTALK = `王五邀请您参加钉钉视频会议
会议主题：预算评审
会议链接：https://meeting.dingtalk.com/j/a1B2c3D4e5F
会议号：123 456 789`;

const WECOM = `赵六邀请你参加企业微信会议
会议主题：预算评审
点击链接入会：https://work.weixin.qq.com/webapp/tm/AbCdEfGhIjK
会议号：123-456-789
会议密码：1357`;

describe('recognises each service from its own invitation text', () => {
  it.each([
    [
      'Zoom',
      { description: ZOOM },
      { provider: 'zoom', url: 'https://us06web.zoom.us/j/85012345678?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ.1', meetingId: '85012345678', passcode: '482913' },
    ],
    ['Zoom China', { location: 'https://zoom.com.cn/j/6601234567' }, { provider: 'zoom', meetingId: '6601234567' }],
    [
      'Teams (join link with id and passcode)',
      { description: TEAMS_NEW },
      { provider: 'teams', url: 'https://teams.microsoft.com/meet/21834567890123?p=Xk3fTq9bA2', meetingId: '21834567890123', passcode: 'Xk3fTq9bA2' },
    ],
    ['Teams (meetup-join in its own property)', { teamsUrl: TEAMS_OLD, location: 'Microsoft Teams Meeting' }, { provider: 'teams', url: TEAMS_OLD }],
    ['Webex', { description: WEBEX }, { provider: 'webex', meetingId: '25512345678', passcode: 'Budget26', dialString: '25512345678@acme.webex.com' }],
    [
      'Google Meet (RFC 7986 CONFERENCE)',
      { conference: ['https://meet.google.com/abc-defg-hij'], description: MEET },
      { provider: 'google-meet', meetingId: 'abc-defg-hij' },
    ],
    [
      'Tencent Meeting',
      { description: TENCENT },
      { provider: 'tencent-meeting', url: 'https://meeting.tencent.com/dm/Ab3dEf9hIj', meetingId: '123456789', passcode: '2468' },
    ],
    ['VooV', { url: 'https://voovmeeting.com/dm/Zy9xW8vU7t' }, { provider: 'tencent-meeting' }],
    ['Feishu', { description: FEISHU }, { provider: 'feishu', url: 'https://vc.feishu.cn/j/337736498', meetingId: '337736498' }],
    ['Lark', { location: 'https://vc.larksuite.com/j/912345678' }, { provider: 'feishu', meetingId: '912345678' }],
    ['DingTalk', { description: DINGTALK }, { provider: 'dingtalk', url: 'https://meeting.dingtalk.com/j/a1B2c3D4e5F', meetingId: '123456789' }],
    ['WeCom', { description: WECOM }, { provider: 'wecom', meetingId: '123456789', passcode: '1357' }],
    ['Jitsi', { location: 'https://meet.jit.si/BudgetReview2026' }, { provider: 'jitsi', url: 'https://meet.jit.si/BudgetReview2026' }],
  ] as const)('%s', (_name, fields, expected) => {
    expect(onlineMeetingOf(fields)).toMatchObject(expected);
  });

  it('Outlook wraps links in <…>; Chinese text ends them with full-width punctuation', () => {
    expect(onlineMeetingOf({ description: 'Join <https://meet.google.com/abc-defg-hij>.' })?.url).toBe('https://meet.google.com/abc-defg-hij');
    expect(onlineMeetingOf({ description: '入会链接：https://vc.feishu.cn/j/337736498。' })?.url).toBe('https://vc.feishu.cn/j/337736498');
  });

  it('a self-hosted Jitsi and a company server are opened only when the config names them', () => {
    expect(onlineMeetingOf({ location: 'https://jitsi.acme.cn/budget' })).toBeNull();
    expect(onlineMeetingOf({ location: 'https://jitsi.acme.cn/budget' }, { jitsiDomains: ['jitsi.acme.cn'] })).toMatchObject({ provider: 'jitsi' });
    expect(onlineMeetingOf({ location: 'http://vc.acme.lan/room/7' }, { allowDomains: ['acme.lan'] })).toMatchObject({
      provider: 'web',
      url: 'http://vc.acme.lan/room/7',
    });
  });

  it('a SIP or H.323 dial string alone is kept to show, never opened', () => {
    expect(onlineMeetingOf({ location: 'Video: sip:8001@vc.acme.cn' })).toEqual({
      provider: 'sip',
      name: 'Video call (SIP)',
      url: 'sip:8001@vc.acme.cn',
      dialString: 'sip:8001@vc.acme.cn',
    });
    expect(onlineMeetingOf({ description: '视频会议系统：8001@vc.acme.cn' })).toMatchObject({ provider: 'sip', url: 'sip:8001@vc.acme.cn' });
    expect(onlineMeetingOf({ description: 'h323:10.1.2.3##8001' })).toMatchObject({ provider: 'sip', dialString: 'h323:10.1.2.3##8001' });
  });

  it('the most specific field wins: CONFERENCE over a link in the description', () => {
    expect(onlineMeetingOf({ conference: ['https://meet.google.com/abc-defg-hij'], description: ZOOM })?.provider).toBe('google-meet');
  });
});

describe('never opens what only looks like a meeting', () => {
  it.each([
    'https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting_x/0',
    'https://evilzoom.us/j/85012345678',
    'https://zoom.us.evil.example/j/85012345678',
    'https://zoom.us@evil.example/j/85012345678',
    'https://user:pw@zoom.us/j/85012345678',
    'http://zoom.us/j/85012345678',
    'https://zoom.us:8443/j/85012345678',
    'https://zoom.us/',
    'https://zoom.us/pricing',
    'https://meet.google.com/',
    'https://meet.google.com/abc-defg-hij/../../settings',
    'https://xn--zom-ira.us/j/85012345678',
    'https://127.0.0.1/j/85012345678',
    'https://meetings.example.com/abc',
    'javascript:alert(document.cookie)//zoom.us/j/1',
    'data:text/html,<script>alert(1)</script>zoom.us/j/1',
    'file:///etc/passwd',
    'zoommtg://zoom.us/join?confno=85012345678',
  ])('%s', (link) => {
    expect(providerOf(link)).toBeUndefined();
    expect(onlineMeetingOf({ conference: [link], url: link, location: link, description: link })).toBeNull();
  });
});
