import type { DeviceView } from '../model/device-view.js';
import type { SceneStepConfig } from './meeting-config.js';

export interface SceneStep {
  device: string;
  action: string;
  params: Record<string, unknown>;
}

export interface SceneStepResult extends SceneStep {
  ok: boolean;
  detail: string | null;
}

/** What runs a scene: the device host's list and execute. */
export interface SceneHost {
  list(): DeviceView[];
  execute(id: string, action: string, params: unknown): Promise<unknown>;
}

const has = (d: DeviceView, action: string) => d.actions.some((a) => a.name === action);

/**
 * The default start scene, from what each device can do: displays on (and to `displayInput`
 * when set and offered), cameras to home, everything with a mute unmuted.
 */
export function defaultStartScene(devices: readonly DeviceView[], displayInput?: string): SceneStep[] {
  const steps: SceneStep[] = [];
  for (const d of devices) {
    if (d.kind === 'display' && has(d, 'power')) steps.push({ device: d.id, action: 'power', params: { on: true } });
    if (d.kind === 'display' && displayInput && has(d, 'input')) steps.push({ device: d.id, action: 'input', params: { input: displayInput } });
    if (d.kind === 'camera' && has(d, 'power')) steps.push({ device: d.id, action: 'power', params: { on: true } });
    if (d.kind === 'camera' && has(d, 'home')) steps.push({ device: d.id, action: 'home', params: {} });
    if (has(d, 'mute')) steps.push({ device: d.id, action: 'mute', params: { on: false } });
  }
  return steps;
}

/** The default end scene: cameras home, then displays and cameras to standby. */
export function defaultEndScene(devices: readonly DeviceView[]): SceneStep[] {
  const steps: SceneStep[] = [];
  for (const d of devices) {
    if (d.kind === 'camera' && has(d, 'home')) steps.push({ device: d.id, action: 'home', params: {} });
    if ((d.kind === 'display' || d.kind === 'camera') && has(d, 'power')) steps.push({ device: d.id, action: 'power', params: { on: false } });
  }
  return steps;
}

export function configuredScene(steps: readonly SceneStepConfig[]): SceneStep[] {
  return steps.map((s) => ({ device: s.device, action: s.action, params: s.params ?? {} }));
}

/**
 * Runs a scene: devices in parallel, each device's steps in order (power before input). A
 * device that fails does not stop the others; every step reports what happened.
 */
export async function runScene(host: SceneHost, steps: readonly SceneStep[]): Promise<SceneStepResult[]> {
  const byDevice = new Map<string, SceneStep[]>();
  for (const s of steps) byDevice.set(s.device, [...(byDevice.get(s.device) ?? []), s]);
  const results = await Promise.all(
    [...byDevice.values()].map(async (deviceSteps) => {
      const out: SceneStepResult[] = [];
      for (const step of deviceSteps) {
        try {
          await host.execute(step.device, step.action, step.params);
          out.push({ ...step, ok: true, detail: null });
        } catch (err) {
          const e = err as { code?: string; message?: string };
          out.push({ ...step, ok: false, detail: `${e.code ?? 'ERROR'}: ${e.message ?? String(err)}` });
        }
      }
      return out;
    }),
  );
  return results.flat();
}
