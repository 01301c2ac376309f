import type { SceneHost, SceneStep } from '../meetings/scenes.js';

/**
 * What the room does as a call opens: every display on, and to the input of the computer
 * that runs the call (`calls.displayInput`), where the display offers that input.
 */
export function callScene(host: SceneHost, displayInput: string | undefined): SceneStep[] {
  const steps: SceneStep[] = [];
  for (const d of host.list()) {
    if (d.kind !== 'display') continue;
    if (d.actions.some((a) => a.name === 'power')) steps.push({ device: d.id, action: 'power', params: { on: true } });
    if (displayInput && d.actions.some((a) => a.name === 'input')) steps.push({ device: d.id, action: 'input', params: { input: displayInput } });
  }
  return steps;
}
