import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultRoutesOf, isLoopbackUrl, lanAddress, resolvePublicUrl } from './lan-address.js';

/** Interfaces as os.networkInterfaces() lists them: name → its IPv4 addresses. */
const interfaces = (byName: Record<string, string[]>): Record<string, NetworkInterfaceInfo[]> =>
  Object.fromEntries(
    Object.entries(byName).map(([name, ips]) => [
      name,
      ips.map((address) => ({ address, family: 'IPv4' as const, internal: name === 'lo', netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null })),
    ]),
  );
const facts = (defaultRoutes: string[], physical: string[]) => ({ defaultRoutes, physical: new Set(physical) });

// /proc/net/route of a mini-PC on Ethernet (metric 100) and Wi-Fi (metric 600), with Docker's bridge.
const ROUTES = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
enp1s0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
enp1s0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
`;

describe("the room's LAN address", () => {
  it('reads the default routes, the lowest metric first', () => {
    expect(defaultRoutesOf(ROUTES)).toEqual(['enp1s0', 'wlan0']);
    expect(defaultRoutesOf('Iface\tDestination\n')).toEqual([]);
  });

  it("takes the default route's network card over Docker's bridge, even with a public address", () => {
    const list = interfaces({ lo: ['127.0.0.1'], docker0: ['172.17.0.1'], enp1s0: ['203.0.113.7'] });
    expect(lanAddress(list, facts(['enp1s0'], ['enp1s0']))).toBe('203.0.113.7');
  });

  it('takes the network card over a VPN tunnel that carries the default route', () => {
    const list = interfaces({ wg0: ['10.8.0.2'], enp1s0: ['192.168.1.20'] });
    expect(lanAddress(list, facts(['wg0', 'enp1s0'], ['enp1s0']))).toBe('192.168.1.20');
    expect(lanAddress(list, facts(['wg0'], ['enp1s0']))).toBe('192.168.1.20');
  });

  it("takes the lower metric's card when Ethernet and Wi-Fi both route, and a container's veth by its route", () => {
    const list = interfaces({ wlan0: ['192.168.1.30'], enp1s0: ['10.0.0.5'] });
    expect(lanAddress(list, facts(defaultRoutesOf(ROUTES), ['wlan0', 'enp1s0']))).toBe('10.0.0.5');
    expect(lanAddress(interfaces({ eth0: ['172.18.0.4'], veth9: ['10.244.0.1'] }), facts(['eth0'], []))).toBe('172.18.0.4');
  });

  it('without what the kernel tells (another system), takes a private address first, and nothing on loopback only', () => {
    const none = facts([], []);
    expect(lanAddress(interfaces({ en0: ['203.0.113.7'], en1: ['192.168.1.20'] }), none)).toBe('192.168.1.20');
    expect(lanAddress(interfaces({ en0: ['169.254.3.4', '203.0.113.7'] }), none)).toBe('203.0.113.7');
    expect(lanAddress(interfaces({ lo: ['127.0.0.1'] }), none)).toBeUndefined();
  });
});

describe("the room's public URL and whether a phone opens it", () => {
  it('takes a LAN address for a wildcard listen, the configured one as it is', () => {
    expect(resolvePublicUrl(undefined, { host: '0.0.0.0', port: 8080 }, '192.168.1.20')).toBe('http://192.168.1.20:8080');
    expect(resolvePublicUrl('https://room.example/', { host: '127.0.0.1', port: 8080 })).toBe('https://room.example');
  });

  it('tells a URL only this machine opens', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:8080', 'http://localhost:8080', 'https://localhost/x']) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of ['http://192.168.1.20:8080', 'https://room.example', 'http://localhost.example.com', 'http://1270.0.0.1']) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});
