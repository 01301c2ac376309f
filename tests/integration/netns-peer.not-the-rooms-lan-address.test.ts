import { expect, it } from 'vitest';
import { lanAddress } from '../../appliance/lan-address.js';
import { createNetnsPeer, netnsAvailable } from '../helpers/netns.js';

/**
 * A test's second host (a veth pair into a network namespace) lives a few seconds while other
 * files run beside it. A demo that started then took the pair's address for its LAN address
 * (private ranges come first), printed it as its API, and lost it when the pair went: its status
 * read came back 404 from whatever the default route leads to.
 */
it.skipIf(!(await netnsAvailable()))("a test's network namespace peer never becomes this machine's LAN address", async () => {
  const before = lanAddress();
  const peer = await createNetnsPeer();
  try {
    expect(lanAddress()).not.toBe(peer.hostAddress);
    expect(lanAddress()).toBe(before);
  } finally {
    await peer.close();
  }
});
