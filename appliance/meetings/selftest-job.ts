import type { MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import { runSelfTest, type SelfTestReport } from './self-test.js';
import { storedSetting } from '../store/stored-setting.js';

/** What this file's functions use of the meeting context. */
type SelfTestJobContext = Partial<Pick<MeetingContext, 'callCheck'>> &
  Pick<MeetingContext, 'bus' | 'changed' | 'clock' | 'db' | 'devices' | 'notifier' | 'selfTests' | 'startScene' | 'texts'>;

const OPEN_FAULT_KEY = 'meetings.selftest.open_fault';

/**
 * Runs the self-test, stores the report and publishes `selftest.result`. A failure raises a
 * fault at once (and tells facilities); the next passing test clears it.
 */
export async function selfTestJob(ctx: SelfTestJobContext, meeting: Meeting | null, timeoutMs?: number): Promise<SelfTestReport> {
  // Woken as the start scene would wake them: the last meeting's end scene left cameras in standby.
  const devicesReport = await runSelfTest(ctx.devices, meeting?.id ?? null, ctx.clock.now(), timeoutMs, ctx.startScene(meeting ?? undefined));
  // The meeting's online call: its service answers from the room, and the call's browser starts.
  const callChecks =
    meeting && ctx.callCheck
      ? await ctx.callCheck(meeting).catch((err: Error) => [{ deviceId: 'call', check: 'call-host', ok: false, ran: false, detail: err.message }])
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
  const openFault = storedSetting(ctx.db, OPEN_FAULT_KEY);
  const open = openFault.get();
  const failed = report.results.filter((r) => !r.ok);
  if (!report.passed) {
    const faultId = `selftest-${report.id}`;
    const detail = `Self-test failed: ${failed.map((f) => `${f.deviceId} ${f.check}${f.detail ? ` (${f.detail})` : ''}`).join('; ')}`;
    ctx.bus.publish({ type: 'fault.raised', faultId, ...(failed.length === 1 ? { deviceId: failed[0]!.deviceId } : {}), detail });
    openFault.set(faultId, report.at);
    ctx.notifier.notifyFacilities(ctx.texts.selfTestFailed(meeting, report));
    // The organiser hears it too when it is the call: people can still join with the link or dial-in.
    const callFailed = failed.filter((f) => f.deviceId === 'call');
    if (meeting && callFailed.length > 0 && meeting.organiser.email)
      ctx.notifier.notify(ctx.texts.callCheckFailed(meeting, callFailed), { emails: [meeting.organiser.email], groups: false });
  } else if (open) {
    ctx.bus.publish({ type: 'fault.cleared', faultId: open, detail: 'self-test passed' });
    openFault.clear();
  }
  ctx.changed({ kind: 'selftest', meetingId: meeting?.id ?? null, passed: report.passed, failed: [...new Set(failed.map((f) => f.deviceId))] });
  return report;
}
