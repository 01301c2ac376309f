import { expect, it } from 'vitest';
import { DRIVERS } from '../../drivers/registry.js';
import { validateConfig } from '../config/config-validate.js';
import { meetingRules } from './meeting-config.js';

const base = {
  room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'Europe/Berlin' },
  api: { listen: '127.0.0.1:8080', tokens: ['0123456789abcdef-token'] },
  devices: [],
};

it('accepts calendar, notifications and meetings sections and fills the rule defaults', () => {
  const result = validateConfig(
    {
      ...base,
      calendar: { url: 'https://outlook.office365.com/owa/calendar/abc/reachcalendar.ics', refreshMinutes: 10 },
      notifications: {
        email: { host: 'smtp.example.com', port: 587, from: 'Aurora <aurora@example.com>' },
        webhooks: [
          { id: 'team-wecom', format: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
          { id: 'ops', format: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SEC1' },
        ],
      },
      meetings: { reminderMinutes: 20, startScene: [{ device: 'display', action: 'power', params: { on: true } }] },
    },
    DRIVERS,
  );
  expect(result.ok).toBe(true);
  const rules = meetingRules(result.ok ? result.config.meetings : undefined);
  expect(rules).toMatchObject({
    reminderMinutes: 20,
    selfTestMinutes: 10,
    checkInOpensMinutes: 10,
    autoReleaseMinutes: 10,
    endWarningMinutes: [5, 1],
    agendaWarningPercents: [80, 100],
    retentionDays: 365,
  });
});

it('says which field of the new sections is wrong', () => {
  const result = validateConfig(
    {
      ...base,
      calendar: { url: 'ftp://x/room.ics' },
      notifications: { webhooks: [{ id: 'x', format: 'telegram', url: 'https://t' }] },
      meetings: { autoReleaseMinutes: -1 },
    },
    DRIVERS,
  );
  expect(result.ok).toBe(false);
  const paths = result.ok ? [] : result.issues.map((i) => i.path);
  expect(paths).toEqual(expect.arrayContaining(['calendar.url', 'notifications.webhooks[0].format', 'meetings.autoReleaseMinutes']));
});
