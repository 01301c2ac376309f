import onvif from 'onvif';
import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { discoverOnvifCameras } from './onvif-discovery.js';
import { WS_DISCOVERY_PORT } from './onvif-discovery-messages.js';

let sims: RunningOnvifSimulator[] = [];
afterEach(async () => {
  for (const s of sims) await s.close();
  sims = [];
});

it('finds a camera by a unicast probe to its discovery port', async () => {
  const sim = await startOnvifSimulator({ name: 'Rear Camera', discovery: { port: 0 } });
  sims.push(sim);

  const found = await discoverOnvifCameras(500, { multicast: false, unicast: [{ address: '127.0.0.1', port: sim.discoveryPort! }] });

  expect(found).toEqual([
    expect.objectContaining({ urn: sim.urn, host: '127.0.0.1', port: sim.endpoint.port, name: 'Rear Camera', hardware: 'SIM-PTZ', from: '127.0.0.1' }),
  ]);
});

it('finds cameras by multicast on 239.255.255.250:3702, each once, as the onvif client does too', async () => {
  const a = await startOnvifSimulator({ name: 'Cam A', discovery: { port: WS_DISCOVERY_PORT } });
  const b = await startOnvifSimulator({ name: 'Cam B', discovery: { port: WS_DISCOVERY_PORT } });
  sims.push(a, b);

  // Other simulators on this machine may answer too: look for ours.
  const found = await discoverOnvifCameras(800);
  const ours = found.filter((c) => c.urn === a.urn || c.urn === b.urn);
  expect(ours.map((c) => c.name).sort()).toEqual(['Cam A', 'Cam B']);

  // The client's Discovery emits 'error' for any answer it cannot read; unheard, that would throw.
  const ignore = () => undefined;
  onvif.Discovery.on('error', ignore);
  const viaClient = await new Promise<unknown[]>((resolve) => onvif.Discovery.probe({ timeout: 800, resolve: false }, (_err, cams) => resolve(cams ?? [])));
  onvif.Discovery.off('error', ignore);
  const urns = viaClient.map(
    (c) => (c as { probeMatches: { probeMatch: { endpointReference: { address: string } } } }).probeMatches.probeMatch.endpointReference.address,
  );
  expect(urns).toEqual(expect.arrayContaining([a.urn, b.urn]));
});

it('ignores probes for other kinds of device and answers nothing to junk', async () => {
  const sim = await startOnvifSimulator({ discovery: { port: 0 } });
  sims.push(sim);
  const { createSocket } = await import('node:dgram');
  const socket = createSocket('udp4');
  const replies: string[] = [];
  socket.on('message', (m) => replies.push(m.toString()));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const printerProbe =
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
    '<s:Header><a:MessageID>urn:uuid:1</a:MessageID></s:Header><s:Body><d:Probe><d:Types>wprt:PrintDeviceType</d:Types></d:Probe></s:Body></s:Envelope>';
  for (const datagram of [printerProbe, '<not xml', '\u0000\u0001garbage']) socket.send(datagram, sim.discoveryPort!, '127.0.0.1');
  const found = await discoverOnvifCameras(300, { multicast: false, unicast: [{ address: '127.0.0.1', port: sim.discoveryPort! }] });
  socket.close();
  expect(replies).toEqual([]);
  expect(found).toHaveLength(1); // and it still answers a real probe afterwards
});
