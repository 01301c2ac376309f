/**
 * Provisioning asks a PJLink display what it is called, over real TCP: its NAME, else its
 * manufacturer and product (INF1, INF2), logging in when it asks for a password. A display
 * that cannot be asked, answers ERR1, or says nothing is still found, without a name.
 */
import { afterEach, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startScriptedDisplay, type ScriptedDisplay } from '../../drivers/pjlink/testing/scripted-display.js';
import { PROVISIONING_DRIVERS } from '../provisioning-drivers.js';
import { tcpProbesOf } from './driver-probes.js';
import { probeHostWith, type HostProbeOptions } from './probe-host.js';

const pjlinkProbe = tcpProbesOf(PROVISIONING_DRIVERS).find((p) => p.driver === 'pjlink')!;
const askDisplay = (at: HostProbeOptions, credentials?: Record<string, unknown>) => probeHostWith(pjlinkProbe, { ...at, timeoutMs: 1000 }, credentials);

let sim: RunningPjlinkSimulator | undefined;
let scripted: ScriptedDisplay | undefined;
afterEach(async () => {
  await sim?.close();
  await scripted?.close();
  sim = scripted = undefined;
});

it('takes the name the display was given', async () => {
  sim = await startPjlinkSimulator({ port: 0, name: 'Boardroom projector' });
  expect(await askDisplay(sim.endpoint)).toMatchObject({ verdict: 'match', settings: { auth: false, name: 'Boardroom projector' } });
  expect(sim.display.received).toEqual(['%1NAME ?']);
});

it('logs in with the answers’ password to ask, and asks nothing without one', async () => {
  sim = await startPjlinkSimulator({ port: 0, password: 'JBMIAProjectorLink', name: 'Aurora wall' });
  expect(await askDisplay(sim.endpoint, { password: 'JBMIAProjectorLink' })).toMatchObject({ settings: { auth: true, name: 'Aurora wall' } });
  expect(sim.logins).toMatchObject({ attempts: 1, failed: 0 });

  const unasked = await askDisplay(sim.endpoint);
  expect(unasked).toMatchObject({ verdict: 'match', settings: { auth: true } });
  expect(unasked.verdict === 'match' && 'name' in unasked.settings).toBe(false);
  expect(sim.logins).toMatchObject({ attempts: 1, failed: 0 });

  // A wrong password is refused (PJLINK ERRA and a hang-up): the display is still found, unnamed.
  const refused = await askDisplay(sim.endpoint, { password: 'not-this-one' });
  expect(refused).toMatchObject({ verdict: 'match', settings: { auth: true } });
  expect(refused.verdict === 'match' && 'name' in refused.settings).toBe(false);
  expect(sim.logins).toMatchObject({ attempts: 2, failed: 1 });
});

it('falls back to manufacturer and product when the name is empty', async () => {
  sim = await startPjlinkSimulator({ port: 0, quirks: ['unnamed'] });
  expect(await askDisplay(sim.endpoint)).toMatchObject({ verdict: 'match', settings: { name: 'roomctl PJLink Simulator' } });
  expect(sim.display.received).toEqual(['%1NAME ?', '%1INF1 ?', '%1INF2 ?']);
});

it('has no name for a display that answers ERR1 to every identity question', async () => {
  sim = await startPjlinkSimulator({ port: 0, quirks: ['no-identity'] });
  const verdict = await askDisplay(sim.endpoint);
  expect(verdict).toMatchObject({ verdict: 'match', settings: { auth: false } });
  expect(verdict.verdict === 'match' && 'name' in verdict.settings).toBe(false);
});

it('still finds a display that greets and then says nothing', async () => {
  scripted = await startScriptedDisplay(() => ({ silent: true }));
  const verdict = await askDisplay({ host: '127.0.0.1', port: scripted.port });
  expect(verdict).toMatchObject({ verdict: 'match', driver: 'pjlink', settings: { auth: false } });
  expect(verdict.verdict === 'match' && 'name' in verdict.settings).toBe(false);
  expect(scripted.received).toEqual(['%1NAME ?']);
});
