import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoSub, startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { makeTestPki, type TestPki } from '../helpers/test-pki.js';
import { until } from '../helpers/until.js';

/** A broker that wants TLS and a client certificate; rooms pin the CA. */
describe('telemetry over TLS with a pinned CA and a client certificate', () => {
  let dir: string;
  let pki: TestPki;
  let broker: RunningMosquitto;
  const rooms: TelemetryRoom[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-pki-'));
    pki = await makeTestPki(dir);
    // Mosquitto reads the key files itself.
    for (const f of [pki.serverKey, pki.serverCert, pki.ca]) await chmod(f, 0o644);
    broker = await startMosquitto({ tls: { ca: pki.ca, cert: pki.serverCert, key: pki.serverKey, requireCertificate: true } });
  });
  afterAll(async () => {
    for (const r of rooms) await r.close();
    await broker?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const room = async (mqtt: Parameters<typeof startTelemetryRoom>[0]['mqtt'], id: string) => {
    const r = await startTelemetryRoom({ mqtt, room: { id } });
    rooms.push(r);
    return r;
  };

  it('connects with the right CA and certificate, and a TLS mosquitto_sub sees its status', async () => {
    const good = await room({ url: broker.url, protocolVersion: 5, ca: pki.ca, cert: pki.clientCert, key: pki.clientKey }, 'good');
    await until(() => good.appliance.telemetry.connected, 8000, 'the TLS connection');
    const lines = await until(
      async () => {
        const got = await mosquittoSub(broker, {
          topic: 'roomctl/hq/good/status',
          retainedOnly: true,
          timeoutS: 1,
          extraArgs: ['--cafile', pki.ca, '--cert', pki.clientCert, '--key', pki.clientKey],
        });
        return got.includes('roomctl/hq/good/status online') ? got : undefined;
      },
      8000,
      'the status over TLS',
    );
    expect(lines).toContain('roomctl/hq/good/status online');
  });

  it('refuses a broker whose certificate is not from the pinned CA, and keeps the messages', async () => {
    const pinnedElsewhere = await room({ url: broker.url, protocolVersion: 5, ca: pki.otherCa, cert: pki.clientCert, key: pki.clientKey }, 'pinned');
    const noCert = await room({ url: broker.url, protocolVersion: 5, ca: pki.ca }, 'nocert');
    const control = await room({ url: broker.url, protocolVersion: 5, ca: pki.ca, cert: pki.clientCert, key: pki.clientKey }, 'control');
    await until(() => control.appliance.telemetry.connected, 8000, 'the control room to connect');
    // Both have had the same time as the control room (and retry every second).
    await new Promise((r) => setTimeout(r, 1500));
    expect(pinnedElsewhere.appliance.telemetry.connected).toBe(false);
    expect(noCert.appliance.telemetry.connected).toBe(false);
    expect(pinnedElsewhere.appliance.telemetry.stats().depth).toBeGreaterThan(0);
  });

  it('says which TLS file it cannot read', async () => {
    await expect(room({ url: broker.url, ca: join(dir, 'missing.crt') }, 'missing')).rejects.toThrow(/mqtt\.ca: cannot read .*missing\.crt: ENOENT/);
  });
});
