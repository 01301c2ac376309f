import type { MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import { runSelfTest, type SelfTestCheck, type SelfTestReport } from './self-test.js';
import { SELF_TEST_FAULT_CODES } from './self-test-advice.js';
import { storedSetting } from '../store/stored-setting.js';
import type { SelfTestFaultReason } from '../model/room-events.js';

/** What this file's functions use of the meeting context. */
type SelfTestJobContext = Partial<Pick<MeetingContext, 'callCheck'>> &
  Pick<MeetingContext, 'bus' | 'changed' | 'clock' | 'db' | 'devices' | 'notifier' | 'selfTests' | 'startScene' | 'texts'>;

/** The self-test's open faults: failing check ("device/check") → its fault's id, as JSON. */
const OPEN_FAULTS_KEY = 'meetings.selftest.open_fault';

/** The open faults as stored; a room of an earlier release kept one fault id there, for the whole report. */
function openFaultsOf(saved: string | undefined): Record<string, string> {
  if (!saved) return {};
  try {
    const parsed: unknown = JSON.parse(saved);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>;
  } catch {
    // An earlier release's single id: below.
  }
  return { '': saved };
}

const checkKey = (c: SelfTestCheck) => `${c.deviceId}/${c.check}`;
/** The meeting's online call is not a device of the room: its faults name none. */
const deviceOf = (c: SelfTestCheck) => (c.deviceId === 'call' ? {} : { deviceId: c.deviceId });

/** Why the check failed, as the fleet words it in its operator's language; nothing when the check has only its English detail. */
function reasonOf(c: SelfTestCheck): { selfTest?: SelfTestFaultReason } {
  const reason: SelfTestFaultReason = {
    ...(c.status !== undefined ? { status: c.status, said: c.said ?? null, ...(c.roomSaid ? { roomSaid: c.roomSaid } : {}) } : {}),
    ...(c.waitedMs !== undefined ? { waitedMs: c.waitedMs } : {}),
    ...(c.heard ? { heard: c.heard } : {}),
  };
  return Object.keys(reason).length ? { selfTest: reason } : {};
}

/**
 * Runs the self-test, stores the report and publishes `selftest.result`. Each failed check
 * raises its own fault at once, coded by the kind of check (`SELF_TEST_FAULT_CODES`), and
 * facilities are told; a fault stays open while its check keeps failing, and is cleared by the
 * first self-test in which it no longer fails.
 */
export async function selfTestJob(ctx: SelfTestJobContext, meeting: Meeting | null, timeoutMs?: number): Promise<SelfTestReport> {
  // Woken as the start scene would wake them: the last meeting's end scene left cameras in standby.
  const devicesReport = await runSelfTest(ctx.devices, meeting?.id ?? null, ctx.clock.now(), timeoutMs, ctx.startScene(meeting ?? undefined));
  // The meeting's online call: its service answers from the room, and the call's browser starts.
  const callChecks: SelfTestCheck[] =
    meeting && ctx.callCheck
      ? await ctx
          .callCheck(meeting)
          .catch((err: Error) => [
            { deviceId: 'call', check: 'call-host' as const, ok: false, ran: false, detail: err.message, faultCode: SELF_TEST_FAULT_CODES['call-host'] },
          ])
      : [];
  const results = [...devicesReport.results, ...callChecks];
  const report = { ...devicesReport, results, passed: results.every((r) => r.ok) };
  ctx.selfTests.save(report);
  ctx.bus.publish({
    type: 'selftest.result',
    reportId: report.id,
    ...(meeting ? { meetingId: meeting.id } : {}),
    passed: report.passed,
    results: report.results as unknown as Record<string, unknown>[],
  });
  const failed = report.results.filter((r) => !r.ok);
  followFaults(ctx, report, failed);
  if (!report.passed) {
    ctx.notifier.notifyFacilities(ctx.texts.facilities.selfTestFailed(meeting, report));
    // The organiser hears it too when it is the call: people can still join with the link or dial-in.
    const callFailed = failed.filter((f) => f.deviceId === 'call');
    if (meeting && callFailed.length > 0 && meeting.organiser.email)
      ctx.notifier.notify(ctx.texts.callCheckFailed(meeting, callFailed), { emails: [meeting.organiser.email], groups: false });
  }
  ctx.changed({ kind: 'selftest', meetingId: meeting?.id ?? null, passed: report.passed, failed: [...new Set(failed.map((f) => f.deviceId))] });
  return report;
}

/** Raises a fault for each check that newly fails, and clears each one whose check no longer does. */
function followFaults(ctx: SelfTestJobContext, report: SelfTestReport, failed: readonly SelfTestCheck[]): void {
  const stored = storedSetting(ctx.db, OPEN_FAULTS_KEY);
  const open = openFaultsOf(stored.get());
  const failing = new Map(failed.map((f) => [checkKey(f), f]));
  for (const [key, faultId] of Object.entries(open)) {
    if (failing.has(key)) continue;
    const [deviceId, check] = key.split('/');
    const passed = report.results.some((r) => checkKey(r) === key && r.ok);
    ctx.bus.publish({
      type: 'fault.cleared',
      faultId,
      ...(deviceId && deviceId !== 'call' ? { deviceId } : {}),
      detail: report.passed || passed ? 'self-test passed' : key ? `${deviceId} ${check} no longer fails the self-test` : 'self-test ran again',
    });
    delete open[key];
  }
  for (const [key, f] of failing) {
    if (open[key]) continue;
    const faultId = `selftest-${report.id}-${f.deviceId}-${f.check}`;
    const detail = `Self-test failed: ${f.deviceId} ${f.check}${f.detail ? ` (${f.detail})` : ''}`;
    ctx.bus.publish({ type: 'fault.raised', faultId, ...deviceOf(f), detail, ...(f.faultCode ? { code: f.faultCode } : {}), ...reasonOf(f) });
    open[key] = faultId;
  }
  if (Object.keys(open).length === 0) stored.clear();
  else stored.set(JSON.stringify(open), report.at);
}
