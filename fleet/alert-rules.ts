import type { Alert } from './alert-sink.js';
import type { FleetEvent } from './fleet-api-types.js';
import { isDown } from './fleet-changes.js';
import type { FleetChanges } from './fleet-store.js';

export interface AlertRulesConfig {
  /** Alert when a device stays offline this long (s); 0 = at once. */
  deviceOfflineAfterS: number;
  /** Alert when a room's appliance stays offline (its last will) this long (s). */
  roomOfflineAfterS: number;
  problemReports: boolean;
  helpRequests: boolean;
  /** Alert when a room's self-test finds a device failing a check (and again when it passes); on unless false. */
  selfTestFaults?: boolean;
}

export const DEFAULT_ALERT_RULES: AlertRulesConfig = { deviceOfflineAfterS: 60, roomOfflineAfterS: 120, problemReports: true, helpRequests: true };

/** What an event that alerts at once says: its own id (else the event's), and its words and parameters. */
interface EventAlert {
  id: string | undefined;
  title: string;
  text: string;
  params: Record<string, string | null>;
}

/** The events that alert at once, each with the setting that turns it on. */
const EVENT_RULES: Record<
  string,
  {
    rule: Alert['rule'];
    keyPrefix: string;
    enabledBy: 'problemReports' | 'helpRequests' | 'selfTestFaults';
    /** An event that ends what another one raised (a help call dealt with) resolves its alert, under the same key. */
    state?: 'resolved';
    /** The alert's words, or undefined for an event of this type that does not alert (a fault that is not the self-test's). */
    alert: (body: Record<string, unknown>, where: string) => EventAlert | undefined;
  }
> = {
  'problem.reported': {
    rule: 'problem-report',
    keyPrefix: 'problem',
    enabledBy: 'problemReports',
    alert(b, where) {
      const categories = Array.isArray(b.categories) ? b.categories.join(', ') : '';
      const comment = typeof b.comment === 'string' ? b.comment : null;
      const what = [categories, comment ?? ''].filter(Boolean).join(': ');
      return {
        id: b.reportId as string | undefined,
        title: `Problem reported in ${where}`,
        text: what || 'A problem was reported from the room panel.',
        params: { categories: Array.isArray(b.categories) ? categories : null, comment },
      };
    },
  },
  'help.requested': {
    rule: 'help-request',
    keyPrefix: 'help',
    enabledBy: 'helpRequests',
    alert(b, where) {
      const message = typeof b.message === 'string' ? b.message : null;
      return {
        id: b.requestId as string | undefined,
        title: `Help requested in ${where}`,
        text: message ?? 'Someone in the room asked for help.',
        params: { message },
      };
    },
  },
  // A failed self-test check (its fault carries the check's code): facilities hear it at once,
  // the device may still answer (a microphone that hears nothing). Device faults of health are
  // the device-offline rule's.
  'fault.raised': {
    rule: 'self-test',
    keyPrefix: 'selftest',
    enabledBy: 'selfTestFaults',
    alert(b, where) {
      const code = typeof b.code === 'string' && b.code.startsWith('ROOMCTL_E_SELFTEST_') ? b.code : null;
      if (!code || !isSelfTestFault(b.faultId) || code === UNREACHABLE) return undefined;
      const detail = typeof b.detail === 'string' ? b.detail : null;
      return { id: b.faultId, title: `${deviceOf(b)} failed the self-test in ${where}`, text: detail ?? code, params: { code, detail } };
    },
  },
  'fault.cleared': {
    rule: 'self-test',
    keyPrefix: 'selftest',
    enabledBy: 'selfTestFaults',
    state: 'resolved',
    alert(b, where) {
      if (!isSelfTestFault(b.faultId) || b.faultId.endsWith('-reachable')) return undefined;
      return {
        id: b.faultId,
        title: `${deviceOf(b)} passes the self-test again in ${where}`,
        text: 'The check passed at the next self-test.',
        params: { code: null, detail: null },
      };
    },
  },
  // The room says the call was dealt with: facilities resolved it (the room's answer to
  // `resolve-help`), or someone resolved it at the room.
  'help.resolved': {
    rule: 'help-request',
    keyPrefix: 'help',
    enabledBy: 'helpRequests',
    state: 'resolved',
    alert(b, where) {
      const by = typeof b.by === 'string' && b.by ? b.by : null;
      return {
        id: b.requestId as string | undefined,
        title: `Help call in ${where} dealt with`,
        text: by ? `${by} dealt with the help call.` : 'The help call was dealt with.',
        params: { by },
      };
    },
  },
};

/**
 * A device the self-test could not reach is offline: the device-offline rule alerts for it,
 * after its delay, and says when it is back (the room names that check's fault `…-reachable`).
 */
const UNREACHABLE = 'ROOMCTL_E_SELFTEST_UNREACHABLE';

/** The room names its self-test's faults `selftest-<report>-<device>-<check>`. */
const isSelfTestFault = (faultId: unknown): faultId is string => typeof faultId === 'string' && faultId.startsWith('selftest-');

/** A fault's device (by its id, as the device-offline rule names it) for the English title. */
const deviceOf = (b: Record<string, unknown>) => (typeof b.deviceId === 'string' ? b.deviceId : 'A device');

interface Pending {
  rule: 'device-offline' | 'room-offline';
  site: string;
  room: string;
  deviceId?: string;
  since: number;
  detail: string | null;
  fired: boolean;
}

/**
 * The fleet's alert rules. Conditions with a duration (device offline longer than N s, room
 * offline longer than N s) are pending until `tick()` finds them old enough, then fire once;
 * when the condition ends a `resolved` alert follows, only if the firing one went out.
 * A device that flaps back within N s makes no noise at all; a device's issue staff resolve by
 * hand resolves its alert then, saying who. Events (problem report, help
 * call, a failed self-test check) alert at once; a help call dealt with, or the check passing again,
 * resolves its alert. Time comes from `now`, so tests drive it with a manual clock.
 */
export class AlertEngine {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly rules: AlertRulesConfig,
    private readonly emit: (alert: Alert) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seeds conditions that were already true when the fleet started (from its store). */
  seed(condition: Omit<Pending, 'fired'> & { fired?: boolean }): void {
    this.pending.set(keyOf(condition), { ...condition, fired: condition.fired ?? false });
  }

  /** Forgets every condition (this instance no longer runs the rules; the next to run them seeds from the store). */
  reset(): void {
    this.pending.clear();
  }

  observe(changes: FleetChanges): void {
    const now = this.now();
    for (const d of changes.devices) {
      if (isDown(d.status)) this.down(d, now);
      else this.end(keyOf({ rule: 'device-offline', ...d }), now);
    }
    // A device reported down again with no condition running: staff resolved its issue by hand and it is still down.
    for (const d of changes.repeated) if (isDown(d.status)) this.down(d, now);
    for (const h of changes.resolvedByHand) this.resolvedByHand(h);
    for (const r of changes.roomStatus) {
      const key = keyOf({ rule: 'room-offline', ...r });
      if (r.online === 'offline') {
        if (!this.pending.has(key)) this.pending.set(key, { rule: 'room-offline', site: r.site, room: r.room, since: now, detail: null, fired: false });
      } else {
        this.end(key, now);
      }
    }
    for (const e of changes.events) {
      const alert = this.eventAlert(e);
      if (alert) this.emit(alert);
    }
    this.tick();
  }

  /** The alert an event raises (a problem report, a help call) or resolves (a help call dealt with) at once, or undefined. */
  eventAlert(e: FleetEvent): Alert | undefined {
    const rule = EVENT_RULES[e.type];
    if (!rule || this.rules[rule.enabledBy] === false) return undefined;
    const body = e.body as Record<string, unknown>;
    const words = rule.alert(body, `${e.site}/${e.room}`);
    if (!words) return undefined;
    const { id, title, text, params } = words;
    return {
      key: `${rule.keyPrefix}/${id ?? e.id}`,
      rule: rule.rule,
      state: rule.state ?? 'firing',
      site: e.site,
      room: e.room,
      ...(e.deviceId ? { deviceId: e.deviceId } : {}),
      title,
      text,
      params,
      at: e.at,
    };
  }

  /** The event types that alert at once. */
  static readonly EVENT_TYPES: readonly string[] = Object.keys(EVENT_RULES);

  /** Fires the conditions that lasted long enough; call every second or so. */
  tick(): void {
    const now = this.now();
    for (const [key, p] of this.pending) {
      if (p.fired) continue;
      const afterMs = (p.rule === 'device-offline' ? this.rules.deviceOfflineAfterS : this.rules.roomOfflineAfterS) * 1000;
      if (now - p.since < afterMs) continue;
      p.fired = true;
      const where = `${p.site}/${p.room}`;
      const forS = Math.round((now - p.since) / 1000);
      this.emit(
        p.rule === 'device-offline'
          ? {
              key,
              rule: p.rule,
              state: 'firing',
              site: p.site,
              room: p.room,
              deviceId: p.deviceId,
              title: `${p.deviceId} offline in ${where}`,
              text: `${p.deviceId} has been offline for ${forS} s.${p.detail ? ` ${p.detail}` : ''}`,
              params: { forS, detail: p.detail },
              at: new Date(p.since).toISOString(),
            }
          : {
              key,
              rule: p.rule,
              state: 'firing',
              site: p.site,
              room: p.room,
              title: `Room ${where} offline`,
              text: `The appliance of ${where} has been unreachable for ${forS} s (its last will).`,
              params: { forS },
              at: new Date(p.since).toISOString(),
            },
      );
    }
  }

  /** Conditions waiting or firing now (for the dashboard and tests). */
  active(): Array<Pending & { key: string }> {
    return [...this.pending].map(([key, p]) => ({ key, ...p }));
  }

  private down(d: { site: string; room: string; deviceId: string; detail: string | null }, now: number): void {
    const key = keyOf({ rule: 'device-offline', ...d });
    if (!this.pending.has(key))
      this.pending.set(key, { rule: 'device-offline', site: d.site, room: d.room, deviceId: d.deviceId, since: now, detail: d.detail, fired: false });
  }

  /**
   * Staff resolved the device's issue by hand: its condition ends here, and a firing alert is
   * resolved saying who did it (the device may still be down: the room has not said it is back).
   * The room's next report of it down starts the condition over, as it opens a fresh issue.
   */
  private resolvedByHand(h: FleetChanges['resolvedByHand'][number]): void {
    const key = keyOf({ rule: 'device-offline', ...h });
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    if (!p.fired) return;
    const forS = Math.max(0, Math.round((Date.parse(h.at) - p.since) / 1000));
    this.emit({
      key,
      rule: 'device-offline',
      state: 'resolved',
      site: h.site,
      room: h.room,
      deviceId: h.deviceId,
      title: `${h.deviceId} offline in ${h.site}/${h.room}: issue resolved by hand`,
      text: `${h.by} resolved the issue by hand after ${forS} s offline; the room has not reported the device back.`,
      params: { forS, by: h.by },
      at: h.at,
    });
  }

  private end(key: string, now: number): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    if (!p.fired) return;
    const where = `${p.site}/${p.room}`;
    const title = p.rule === 'device-offline' ? `${p.deviceId} back in ${where}` : `Room ${where} back online`;
    const forS = Math.round((now - p.since) / 1000);
    this.emit({
      key,
      rule: p.rule,
      state: 'resolved',
      site: p.site,
      room: p.room,
      deviceId: p.deviceId,
      title,
      text: `${title} after ${forS} s.`,
      params: { forS },
      at: new Date(now).toISOString(),
    });
  }
}

function keyOf(c: { rule: string; site: string; room: string; deviceId?: string }): string {
  return c.deviceId ? `${c.rule}/${c.site}/${c.room}/${c.deviceId}` : `${c.rule}/${c.site}/${c.room}`;
}
