import { expect, it } from 'vitest';
import { clientNetwork } from './client-network.js';

it('counts an IPv4 address as itself, also when a dual-stack listener maps it', () => {
  expect(clientNetwork('192.0.2.7')).toBe('192.0.2.7');
  expect(clientNetwork('::ffff:192.0.2.7')).toBe('192.0.2.7');
  expect(clientNetwork(undefined)).toBe('?');
});

it('counts an IPv6 address as its /64, however it is written', () => {
  const one = '2001:db8:0:7::/64';
  expect(clientNetwork('2001:db8:0:7::1')).toBe(one);
  expect(clientNetwork('2001:0db8:0000:0007:aaaa:bbbb:cccc:dddd')).toBe(one);
  expect(clientNetwork('2001:db8::7:0:0:0:2')).toBe(one);
  expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  expect(clientNetwork('2001:db8:0:8::1')).not.toBe(one);
});
