import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, resolvePublicUrl } from './lan-address.js';

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
