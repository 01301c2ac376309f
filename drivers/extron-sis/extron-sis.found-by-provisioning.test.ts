import { afterEach, expect, it } from 'vitest';
import { validateAnswers } from '../../provisioning/answers/answers-load.js';
import { discoverRoom } from '../../provisioning/discovery/discover.js';
import { proposeDevices } from '../../provisioning/proposals.js';
import { PROVISIONING_DRIVERS } from '../../provisioning/provisioning-drivers.js';
import { startExtronSisSimulator, type RunningExtronSisSimulator } from './extron-sis-simulator.js';

let sim: RunningExtronSisSimulator | undefined;
afterEach(() => sim?.close());

const answersFor = (host: string, devices: Record<string, unknown> = {}) =>
  validateAnswers(
    {
      room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
      devices,
      discovery: { serialByIdDir: '/nonexistent', systemSerialPorts: false, hid: false, pjlink: { search: false }, onvif: { search: false }, hosts: [host] },
    },
    'test',
  );

it("a host IT lists is asked each driver's question; the banner names the switcher and its entry passes the config schema", async () => {
  sim = await startExtronSisSimulator({ port: 0, model: 'IN1608', firmware: '1.05' });
  const where = `127.0.0.1:${sim.endpoint.port}`;
  const answers = answersFor(where);

  const findings = await discoverRoom(answers);

  expect(findings).toEqual([
    {
      source: 'network',
      endpoint: where,
      host: '127.0.0.1',
      port: sim.endpoint.port,
      verdict: expect.objectContaining({ verdict: 'match', driver: 'extron-sis', settings: expect.objectContaining({ model: 'IN1608', password: false }) }),
    },
  ]);
  const proposal = proposeDevices(findings, answers, PROVISIONING_DRIVERS);
  expect(proposal.notes).toEqual([]);
  expect(proposal.devices.map((d) => d.entry)).toEqual([
    { id: 'display-1', driver: 'extron-sis', host: '127.0.0.1', port: sim.endpoint.port, name: 'Extron IN1608' },
  ]);
});

it('a switcher that asks for a password gets the one in devices.extron-sis, or a note saying where to put it', async () => {
  sim = await startExtronSisSimulator({ port: 0, password: 'extron-admin' });
  const where = `127.0.0.1:${sim.endpoint.port}`;

  const withPassword = answersFor(where, { 'extron-sis': { password: 'extron-admin' } });
  const proposal = proposeDevices(await discoverRoom(withPassword), withPassword, PROVISIONING_DRIVERS);
  expect(proposal.devices.map((d) => d.entry)).toEqual([
    { id: 'display-1', driver: 'extron-sis', host: '127.0.0.1', port: sim.endpoint.port, password: 'extron-admin', name: expect.stringMatching(/^Extron /) },
  ]);

  const without = answersFor(where);
  expect(proposeDevices(await discoverRoom(without), without, PROVISIONING_DRIVERS).notes).toEqual([
    `${where}: the switcher asks for a password; add devices.extron-sis.password to the answers`,
  ]);
});
