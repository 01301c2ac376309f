/**
 * A room event on a Chinese dashboard: worded from its type and parameters, naming the device
 * by its name, with the room's own English (which names the device by its id) as the detail.
 */
import { afterEach, expect, it } from 'vitest';
import type { FleetEvent } from '../../../fleet/fleet-api-types.js';
import { roomEventWords } from './fleet-event-words.js';
import { setFleetLocale } from './fleet-words.js';

const names = { display: { en: 'Projector', 'zh-CN': '投影机' } };
const event = (type: string, body: Record<string, unknown>, deviceId: string | null = null): FleetEvent => ({
  seq: 1,
  id: 'e1',
  site: 'hq',
  room: 'aurora',
  type,
  deviceId,
  at: '2026-12-06T09:00:00.000Z',
  body: { type, ...body },
});

afterEach(() => setFleetLocale('en'));

it('says a device came back by its name, in Chinese, without the room’s English that says the same; other words of the room stay', () => {
  setFleetLocale('zh-CN');
  expect(roomEventWords(event('fault.cleared', { faultId: 'f1', deviceId: 'display', detail: 'display is answering again' }, 'display'), names)).toEqual({
    text: '投影机 已恢复正常',
    detail: null,
  });
  expect(
    roomEventWords(event('fault.cleared', { faultId: 'f1', deviceId: 'display', detail: 'The device is no longer in the room config' }, 'display'), names)
      .detail,
  ).toBe('The device is no longer in the room config');
});

it("words a device's fault from its error code, else from its status; a room without the code's words keeps its own text", () => {
  setFleetLocale('zh-CN');
  const raised = (extra: Record<string, unknown>) =>
    roomEventWords(event('fault.raised', { faultId: 'f1', deviceId: 'display', detail: 'connect ECONNREFUSED 127.0.0.1:4352', ...extra }, 'display'), names);
  expect(raised({ status: 'offline', code: 'ROOMCTL_E_CONNECT_FAILED' })).toEqual({
    text: '投影机：无法通过网络连接',
    detail: 'connect ECONNREFUSED 127.0.0.1:4352',
  });
  expect(raised({ status: 'auth-failed' }).text).toBe('投影机：密码错误');
  // A room of the previous release sends neither.
  expect(raised({}).text).toBe('投影机 出现故障');
});

it('words the other events from their parameters, and shows a type it does not know as it came', () => {
  setFleetLocale('zh-CN');
  expect(roomEventWords(event('problem.reported', { reportId: 'r', categories: ['display', 'audio'], deviceHealth: {} }), names).text).toBe(
    '报告问题：显示屏、音频',
  );
  expect(roomEventWords(event('call.changed', { state: 'failed', provider: 'zoom', meetingId: null, detail: 'the browser exited' }), names)).toEqual({
    text: '在线通话失败',
    detail: 'the browser exited',
  });
  expect(roomEventWords(event('selftest.result', { reportId: 'r', passed: false, results: [{ ok: true }, { ok: false }] }), names).text).toBe(
    '自检未通过：2 项中 1 项失败',
  );
  expect(roomEventWords(event('lamp.replaced', { detail: 'new lamp' }, 'display'), names)).toEqual({ text: 'lamp.replaced (投影机)', detail: 'new lamp' });
  setFleetLocale('en');
  expect(roomEventWords(event('meeting.started', { meetingId: 'm', title: 'Board meeting' }), names).text).toBe('Meeting started: Board meeting');
});

it("words a failed self-test check from its code: a device's by its name, the online call's as the room's", () => {
  setFleetLocale('zh-CN');
  const selfTest = (code: string, deviceId: string | null) =>
    roomEventWords(
      event(
        'fault.raised',
        { faultId: 'selftest-r1', detail: 'Self-test failed: display display-power (ROOMCTL_E_DEVICE_TIMEOUT: no answer)', code },
        deviceId,
      ),
      names,
    );
  expect(selfTest('ROOMCTL_E_SELFTEST_NO_PICTURE', 'display')).toEqual({
    text: '投影机：自检时未能开启（无画面）',
    detail: 'Self-test failed: display display-power (ROOMCTL_E_DEVICE_TIMEOUT: no answer)',
  });
  expect(selfTest('ROOMCTL_E_SELFTEST_CALL_UNREACHABLE', null).text).toBe('会议室：无法连接在线会议服务（自检）');
  setFleetLocale('en');
  expect(selfTest('ROOMCTL_E_SELFTEST_NO_PICTURE', 'display').text).toBe('Projector: Did not turn on in the self-test (no picture)');
});

it("words a failed self-test check's reason in the viewer's language, the device's own words labelled as its own", () => {
  const checked = (code: string, selfTest: unknown, deviceId: string | null = 'display') =>
    roomEventWords(
      event('fault.raised', { faultId: 'selftest-r1', detail: 'Self-test failed: display reachable (offline: refused)', code, selfTest }, deviceId),
      names,
    );
  setFleetLocale('zh-CN');
  expect(checked('ROOMCTL_E_SELFTEST_UNREACHABLE', { status: 'offline', said: 'connect ECONNREFUSED 127.0.0.1:4352' })).toEqual({
    text: '投影机：自检时无法连接——离线',
    detail: '设备原文：connect ECONNREFUSED 127.0.0.1:4352',
  });
  expect(checked('ROOMCTL_E_SELFTEST_UNREACHABLE', { status: 'auth-failed', said: null })).toEqual({
    text: '投影机：自检时无法连接——登录被拒绝',
    detail: null,
  });
  expect(checked('ROOMCTL_E_SELFTEST_NO_PICTURE', { waitedMs: 5000 }).text).toBe('投影机：自检时未能开启（无画面）——5 秒内没有应答');
  expect(checked('ROOMCTL_E_SELFTEST_MIC_SILENT', { heard: { aboveDb: -57, withinMs: 2000, peakDb: -61.4 } }).text).toBe(
    '投影机：自检时未拾取到任何声音——2 秒内没有高于 -57 dB 的电平；最高 -61 dB',
  );
  expect(checked('ROOMCTL_E_SELFTEST_CALL_UNREACHABLE', { waitedMs: 3000 }, null).text).toBe('会议室：无法连接在线会议服务（自检）——3 秒内没有应答');
  setFleetLocale('en');
  expect(checked('ROOMCTL_E_SELFTEST_UNREACHABLE', { status: 'offline', said: 'connect ECONNREFUSED 127.0.0.1:4352' })).toEqual({
    text: 'Projector: Could not be reached in the self-test — Offline',
    detail: 'The device says: connect ECONNREFUSED 127.0.0.1:4352',
  });
  // Anything else in its place (a room of another release): the sentence without a reason, and the room's own text.
  expect(checked('ROOMCTL_E_SELFTEST_UNREACHABLE', { status: 7, heard: 'loud' })).toEqual({
    text: 'Projector: Could not be reached in the self-test',
    detail: 'Self-test failed: display reachable (offline: refused)',
  });
});

it('says a failed self-test check passes again, not that its device works again (it may have answered all along)', () => {
  const cleared = (faultId: string, deviceId: string | null) =>
    roomEventWords(event('fault.cleared', { faultId, ...(deviceId ? { deviceId } : {}), detail: 'self-test passed' }, deviceId), names);
  setFleetLocale('zh-CN');
  expect(cleared('selftest-r1-display-display-power', 'display')).toEqual({ text: '投影机自检已恢复通过', detail: null });
  expect(cleared('selftest-r1-call-call-host', null)).toEqual({ text: '会议室自检已恢复通过', detail: null });
  setFleetLocale('en');
  expect(cleared('selftest-r1-display-display-power', 'display').text).toBe('Projector passes the self-test again');
  // A device's own fault, cleared when it answers again.
  expect(cleared('fault-1', 'display')).toEqual({ text: 'Projector works again', detail: 'self-test passed' });
});

it('says how a booking was released, and through what when freed by hand, in the viewer’s language', () => {
  const released = (body: Record<string, unknown>) => roomEventWords(event('meeting.released', { meetingId: 'm1', ...body }), names);
  setFleetLocale('en');
  expect(released({ title: 'Budget', releasedBy: 'no-check-in' })).toEqual({ text: 'Budget released: nobody checked in', detail: null });
  expect(released({ title: 'Budget', releasedBy: 'by-hand', via: 'panel' })).toEqual({ text: 'Budget freed by hand', detail: "from the room's panel" });
  expect(released({ title: 'Budget', releasedBy: 'ahead-of-time', via: 'token' })).toEqual({
    text: 'Budget cancelled ahead of time',
    detail: "with one of the room's tokens (its API)",
  });
  // A confidential meeting comes without its title.
  expect(released({ releasedBy: 'by-hand', via: 'token' }).text).toBe('Booking freed by hand');
  // A reason this dashboard does not know yet (a newer room): released, without guessing why.
  expect(released({ title: 'Budget', releasedBy: 'moved' })).toEqual({ text: 'Budget released', detail: null });
  setFleetLocale('zh-CN');
  expect(released({ title: 'Budget', releasedBy: 'no-check-in' }).text).toBe('预订已释放，无人签到：Budget');
  expect(released({ title: 'Budget', releasedBy: 'by-hand', via: 'panel' })).toEqual({ text: '预订已手动释放：Budget', detail: '通过会议室面板' });
  expect(released({ releasedBy: 'ahead-of-time', via: 'token' })).toEqual({ text: '预订已提前取消', detail: '通过会议室令牌（API）' });
  expect(released({ releasedBy: 'no-check-in' }).text).toBe('预订已释放，无人签到');
});

it('says where a rating or a problem report came from: the room’s panel or a person’s phone, nothing for a room that does not say', () => {
  const said = (type: string, body: Record<string, unknown>) => roomEventWords(event(type, { meetingId: 'm1', ...body }), names);
  setFleetLocale('en');
  expect(said('feedback', { rating: 4, via: 'phone' })).toEqual({ text: 'Rated 4 of 5', detail: "from a person's phone (their minutes email)" });
  expect(said('feedback', { rating: 3, via: 'panel' })).toEqual({ text: 'Rated 3 of 5', detail: "from the room's panel" });
  expect(said('feedback', { rating: 3 })).toEqual({ text: 'Rated 3 of 5', detail: null });
  const problem = { reportId: 'r1', categories: ['audio'], deviceHealth: {} };
  expect(said('problem.reported', { ...problem, via: 'phone' })).toEqual({
    text: 'Problem reported: Audio',
    detail: "from a person's phone (their minutes email)",
  });
  setFleetLocale('zh-CN');
  expect(said('feedback', { rating: 4, via: 'phone' })).toEqual({ text: '评分 4/5', detail: '来自与会者的手机（其会议纪要邮件）' });
  expect(said('problem.reported', { ...problem, via: 'panel' }).detail).toBe('通过会议室面板');
});
