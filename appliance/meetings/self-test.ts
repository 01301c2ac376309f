import { randomUUID } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import { replyDeadline, withinReplyDeadline } from '../../drivers/core/reply-deadline.js';
import type { DeviceView } from '../model/device-view.js';
import type { SceneHost, SceneStep } from './scenes.js';
import {
  adviceForError,
  adviceForStatus,
  NEXT_STEPS,
  SELF_TEST_FAULT_CODES,
  type SelfTestAdvice,
  type SelfTestCheckName,
  type SilenceHeard,
} from './self-test-advice.js';

export interface SelfTestCheck {
  deviceId: string;
  /** reachable · power-on (only when waking failed) · answers · camera-home · display-power · mic-level (· call-host · call-browser) */
  check: SelfTestCheckName;
  ok: boolean;
  /** false when the check could not be run (e.g. no level meter on this device) */
  ran: boolean;
  /** Why it failed, as the device or the room said it (or a note on a passed check). */
  detail: string | null;
  /** The coded error behind a failure, when there was one (the device's, e.g. `ROOMCTL_E_DEVICE_TIMEOUT`). */
  code?: string | null;
  /** Failed checks: what failed, one code per kind of check (`SELF_TEST_FAULT_CODES`); the fault the room raises carries it. */
  faultCode?: (typeof SELF_TEST_FAULT_CODES)[SelfTestCheckName];
  /** Failed checks: what to do about it (a stable key, worded by the panel) … */
  advice?: SelfTestAdvice | null;
  /** … and the same in English. */
  nextStep?: string | null;
  /** A microphone that heard nothing: what was listened for and the loudest level it heard (null: no level at all), so a panel words it. */
  heard?: SilenceHeard;
  /** A device it could not reach: its status then (`detail` opens with it in English; a panel words it). */
  status?: string;
  /** A device it could not reach: what the device itself said (its error's words), without the room's words around it. */
  said?: string | null;
  /** A device it could not reach and that said nothing itself: the room's own note on its status (ROOM_DEVICE_NOTES: restarted from the admin view). */
  roomSaid?: string | null;
  /** A check the room stopped waiting for: how long it waited, so a panel says it in its words. */
  waitedMs?: number;
}

/** The microphone heard nothing within the wait: its measurement travels with the check. */
class SilenceError extends Error {
  constructor(readonly heard: SilenceHeard) {
    super(`no level above ${heard.aboveDb} dB within ${heard.withinMs} ms (peak ${heard.peakDb ?? -Infinity} dB)`);
  }
}

export interface SelfTestReport {
  id: string;
  meetingId: string | null;
  at: string;
  passed: boolean;
  results: SelfTestCheck[];
}

/** Actions that only read: "does it answer" without changing anything. */
const READ_ACTIONS = ['status', 'inquire', 'inquiry', 'position', 'level'];
/**
 * A level above this (dBFS) means the microphone hears something: an occupied room's
 * ambience sits around -50 dBFS, and meters bottom out at -60 (Shure) or lower.
 */
const SILENCE_DB = -57;

/** The room gave up waiting (not the device's own timeout): the wait travels with the check. */
class WaitedTooLong extends RoomctlError {
  constructor(
    what: string,
    readonly waitedMs: number,
  ) {
    super('ROOMCTL_E_DEVICE_TIMEOUT', `${what}: no answer in ${waitedMs} ms`);
  }
}

/** The room's own wait on a check, counted in time it was listening (a reply deadline): a room held up by a loaded machine does not fail a device that answered. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return withinReplyDeadline(promise, ms, () => new WaitedTooLong(what, ms));
}

function failed(deviceId: string, name: SelfTestCheckName, detail: string, code: string | null, advice: SelfTestAdvice): SelfTestCheck {
  return { deviceId, check: name, ok: false, ran: true, detail, code, faultCode: SELF_TEST_FAULT_CODES[name], advice, nextStep: NEXT_STEPS[advice] };
}

async function check(deviceId: string, name: SelfTestCheckName, run: () => Promise<unknown>, timeoutMs: number): Promise<SelfTestCheck> {
  try {
    const result = await withTimeout(run(), timeoutMs, name);
    return { deviceId, check: name, ok: true, ran: true, detail: name === 'mic-level' && result !== undefined ? JSON.stringify(result).slice(0, 200) : null };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const code = e.code ?? null;
    const result = failed(deviceId, name, `${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`, code, adviceForError(name, code));
    if (err instanceof SilenceError) return { ...result, heard: err.heard };
    return err instanceof WaitedTooLong ? { ...result, waitedMs: err.waitedMs } : result;
  }
}

/**
 * Powers on what the start scene would power on, so a camera the last end scene put in
 * standby is tested awake (in standby it refuses to move: "not executable"). A display is
 * powered on by its own display-power check. Only a failure is reported (as `power-on`).
 */
async function wake(host: SceneHost, d: DeviceView, steps: readonly SceneStep[], timeoutMs: number): Promise<SelfTestCheck[]> {
  if (d.kind === 'display') return [];
  const out: SelfTestCheck[] = [];
  for (const step of steps.filter((s) => s.device === d.id && s.action === 'power' && s.params.on === true)) {
    const result = await check(d.id, 'power-on', () => host.execute(d.id, 'power', step.params), timeoutMs);
    if (!result.ok) out.push(result);
  }
  return out;
}

async function testDevice(host: SceneHost, d: DeviceView, timeoutMs: number, wakeSteps: readonly SceneStep[]): Promise<SelfTestCheck[]> {
  const reachable = d.status === 'ok' || d.status === 'degraded';
  if (!reachable) {
    const advice = adviceForStatus(d.status);
    // The detail is the device's words only when an error came with it; else it is the room's own (a device restarting from the admin view).
    const words = d.error ? { said: d.detail } : { said: null, ...(d.detail ? { roomSaid: d.detail } : {}) };
    return [{ ...failed(d.id, 'reachable', `${d.status}${d.detail ? `: ${d.detail}` : ''}`, d.error?.code ?? null, advice), status: d.status, ...words }];
  }
  const out: SelfTestCheck[] = [{ deviceId: d.id, check: 'reachable', ok: true, ran: true, detail: d.detail }];
  out.push(...(await wake(host, d, wakeSteps, timeoutMs)));
  const names = new Set(d.actions.map((a) => a.name));
  const read = READ_ACTIONS.find((a) => names.has(a));
  if (read) out.push(await check(d.id, 'answers', () => host.execute(d.id, read, {}), timeoutMs));
  if (d.kind === 'camera' && names.has('home')) out.push(await check(d.id, 'camera-home', () => host.execute(d.id, 'home', {}), timeoutMs));
  if (d.kind === 'display' && names.has('power')) out.push(await check(d.id, 'display-power', () => host.execute(d.id, 'power', { on: true }), timeoutMs));
  if (d.kind === 'microphone' || d.kind === 'dsp' || d.kind === 'speakerphone') {
    // A muted microphone hears nothing by design: not a fault, and not a test of the mic either.
    if (names.has('meter') && d.state.mute === true) out.push({ deviceId: d.id, check: 'mic-level', ok: true, ran: false, detail: 'muted: level not checked' });
    else if (names.has('meter')) out.push(await check(d.id, 'mic-level', () => liveLevel(host, d.id, Math.min(timeoutMs, 2000)), timeoutMs));
    else out.push({ deviceId: d.id, check: 'mic-level', ok: true, ran: false, detail: 'no level meter on this device' });
  }
  return out;
}

/**
 * A live microphone: meter briefly (unless the device already meters) and wait for a level
 * above silence in the levels the driver publishes as state.
 */
async function liveLevel(host: SceneHost, id: string, waitMs: number): Promise<{ peakDb: number }> {
  const levels = () => host.list().find((x) => x.id === id)?.state.levels;
  const wasMetering = Array.isArray(levels());
  if (!wasMetering) await host.execute(id, 'meter', { rateMs: 100 });
  // A reply deadline: a room held up past the wait reads the levels that came meanwhile before it calls the microphone silent.
  let heardNothing = false;
  const deadline = replyDeadline(waitMs, () => (heardNothing = true));
  try {
    for (;;) {
      const now = levels();
      const peak = Array.isArray(now) && now.length > 0 ? Math.max(...(now as number[])) : -Infinity;
      if (peak > SILENCE_DB) return { peakDb: peak };
      if (heardNothing) throw new SilenceError({ aboveDb: SILENCE_DB, withinMs: waitMs, peakDb: Number.isFinite(peak) ? peak : null });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    deadline.cancel();
    if (!wasMetering) await host.execute(id, 'meter', { rateMs: 0 }).catch(() => undefined);
  }
}

/**
 * Tests every device before a meeting: reachable, woken as the start scene (`wakeSteps`)
 * would wake it, answers a read, camera to its home preset, display powered on, microphone
 * level when the device has a meter. Devices are tested side by side; one hanging device
 * costs at most `timeoutMs` per check. Every failed check says why and what to do.
 */
export async function runSelfTest(
  host: SceneHost,
  meetingId: string | null,
  now: Date,
  timeoutMs = 30_000,
  wakeSteps: readonly SceneStep[] = [],
): Promise<SelfTestReport> {
  const results = (await Promise.all(host.list().map((d) => testDevice(host, d, timeoutMs, wakeSteps)))).flat();
  return { id: randomUUID(), meetingId, at: now.toISOString(), passed: results.every((r) => r.ok), results };
}
