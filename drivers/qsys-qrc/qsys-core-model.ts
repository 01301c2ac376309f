import { EventEmitter } from 'node:events';
import type { QrcControl } from './qrc-codec.js';

export interface QsysCoreModelOptions {
  /** Logon needed when set (Q-SYS Administrator user with a PIN). */
  user?: string;
  password?: string;
  designName?: string;
  /** Named components and their controls' starting values. */
  components?: Record<string, Record<string, number>>;
  /** Mixers and their input counts. */
  mixers?: Record<string, number>;
  maxChangeGroups?: number;
}

export interface QrcSessionState {
  loggedOn: boolean;
  groups: Map<string, { controls: Array<{ component: string; control: string }>; last: Map<string, number> }>;
}

type Reply = { result: unknown } | { error: { code: number; message: string } };

const err = (code: number, message: string): Reply => ({ error: { code, message } });

/**
 * A Q-SYS Core's named components (no sockets): Component.Get/Set, Mixer.SetInputMute,
 * change groups, Logon, NoOp, StatusGet. Emits 'change' (component, control, value) so
 * change groups can report what moved.
 */
export class QsysCoreModel extends EventEmitter {
  readonly components = new Map<string, Map<string, number>>();
  readonly mixers = new Map<string, boolean[]>();
  readonly received: Array<{ method: string; params: unknown }> = [];
  readonly designName: string;
  standby = false;

  constructor(private readonly options: QsysCoreModelOptions = {}) {
    super();
    this.designName = options.designName ?? 'Boardroom';
    const components = options.components ?? { MicMute: { mute: 0 }, Gain1: { gain: 0, mute: 0 } };
    for (const [name, controls] of Object.entries(components)) this.components.set(name, new Map(Object.entries(controls)));
    for (const [name, inputs] of Object.entries(options.mixers ?? { Mixer1: 8 })) this.mixers.set(name, Array<boolean>(inputs).fill(false));
  }

  engineStatus() {
    return {
      State: this.standby ? 'Standby' : 'Active',
      DesignName: this.designName,
      DesignCode: 'qsim0001',
      IsRedundant: false,
      IsEmulator: true,
      Platform: 'Core 110f',
    };
  }

  newSession(): QrcSessionState {
    return { loggedOn: this.options.password === undefined, groups: new Map() };
  }

  /** Someone outside QRC moved a control (UCI, a wall button). */
  setFromOutside(component: string, control: string, value: number): void {
    this.components.get(component)!.set(control, value);
    this.emit('change', component, control, value);
  }

  control(component: string, name: string): QrcControl {
    const value = this.components.get(component)!.get(name)!;
    const isMute = /mute/i.test(name);
    return {
      Name: name,
      Value: value,
      String: isMute ? (value ? 'muted' : 'unmuted') : `${value.toFixed(1)}dB`,
      Position: isMute ? value : (value + 100) / 120,
    };
  }

  handle(method: string, params: unknown, session: QrcSessionState): Reply {
    this.received.push({ method, params });
    const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
    if (method === 'Logon') {
      if (this.options.password === undefined || (p.User === this.options.user && p.Password === this.options.password)) {
        session.loggedOn = true;
        return { result: true };
      }
      return err(10, 'Logon required');
    }
    if (method === 'NoOp') return { result: true };
    if (!session.loggedOn) return err(10, 'Logon required');
    if (this.standby && method !== 'StatusGet') return err(-32604, 'Core is on Standby');
    switch (method) {
      case 'StatusGet':
        return { result: { ...this.engineStatus(), Status: { Code: 0, String: 'OK' } } };
      case 'Component.Get': {
        const component = this.components.get(String(p.Name));
        if (!component) return err(7, `Unknown component name: ${String(p.Name)}`);
        const names = Array.isArray(p.Controls) ? p.Controls.map((c) => String((c as { Name?: unknown }).Name)) : [];
        const missing = names.find((n) => !component.has(n));
        if (missing) return err(8, `Unknown control: ${missing}`);
        return { result: { Name: p.Name, Controls: names.map((n) => this.control(String(p.Name), n)) } };
      }
      case 'Component.Set': {
        const component = this.components.get(String(p.Name));
        if (!component) return err(7, `Unknown component name: ${String(p.Name)}`);
        const controls = Array.isArray(p.Controls) ? (p.Controls as Array<{ Name?: unknown; Value?: unknown }>) : [];
        for (const c of controls) {
          if (!component.has(String(c.Name))) return err(8, `Unknown control: ${String(c.Name)}`);
          if (typeof c.Value !== 'number' && typeof c.Value !== 'boolean') return err(-32602, `Value of ${String(c.Name)} must be a number`);
        }
        for (const c of controls) {
          component.set(String(c.Name), Number(c.Value));
          this.emit('change', String(p.Name), String(c.Name), Number(c.Value));
        }
        return { result: true };
      }
      case 'Mixer.SetInputMute': {
        const mixer = this.mixers.get(String(p.Name));
        if (!mixer) return err(7, `Unknown component name: ${String(p.Name)}`);
        const inputs = parseChannelSpec(String(p.Inputs ?? ''), mixer.length);
        if (!inputs) return err(9, `Illegal mixer channel index: ${String(p.Inputs)}`);
        for (const i of inputs) mixer[i - 1] = Boolean(p.Mute);
        return { result: true };
      }
      case 'ChangeGroup.AddComponentControl': {
        const id = String(p.Id);
        const comp = p.Component as { Name?: unknown; Controls?: Array<{ Name?: unknown }> } | undefined;
        const component = this.components.get(String(comp?.Name));
        if (!component) return err(7, `Unknown component name: ${String(comp?.Name)}`);
        let group = session.groups.get(id);
        if (!group) {
          if (session.groups.size >= (this.options.maxChangeGroups ?? 4)) return err(5, 'Too many change groups');
          group = { controls: [], last: new Map() };
          session.groups.set(id, group);
        }
        for (const c of comp?.Controls ?? []) {
          if (!component.has(String(c.Name))) return err(8, `Unknown control: ${String(c.Name)}`);
          group.controls.push({ component: String(comp!.Name), control: String(c.Name) });
        }
        return { result: true };
      }
      case 'ChangeGroup.AutoPoll':
      case 'ChangeGroup.Poll': {
        const group = session.groups.get(String(p.Id));
        if (!group) return err(6, `Unknown change group: ${String(p.Id)}`);
        return { result: { Id: p.Id, Changes: this.poll(group) } };
      }
      case 'ChangeGroup.Destroy':
        session.groups.delete(String(p.Id));
        return { result: true };
      default:
        return err(-32601, `Method not found: ${method}`);
    }
  }

  /** What moved in a group since its last poll (the first poll reports everything). */
  poll(group: QrcSessionState['groups'] extends Map<string, infer G> ? G : never): QrcControl[] {
    const changes: QrcControl[] = [];
    for (const { component, control } of group.controls) {
      const key = `${component}/${control}`;
      const value = this.components.get(component)!.get(control)!;
      if (group.last.get(key) === value) continue;
      group.last.set(key, value);
      changes.push({ Component: component, ...this.control(component, control) });
    }
    return changes;
  }
}

/** `"1-4"`, `"1 3 5"`, `"*"` → input numbers; undefined when out of range or malformed. */
export function parseChannelSpec(spec: string, count: number): number[] | undefined {
  if (spec.trim() === '*') return Array.from({ length: count }, (_, i) => i + 1);
  const out: number[] = [];
  for (const part of spec.trim().split(/\s+/)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > count || from > to) return undefined;
    for (let i = from; i <= to; i++) out.push(i);
  }
  return out.length ? out : undefined;
}
