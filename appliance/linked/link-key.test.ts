import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { invitedOccurrenceKey, linkKeyOf, memberProof, provesMembership, verifyKeyOf } from './link-key.js';

const INVITE = 'review@example.com';
const link = linkKeyOf(INVITE);
const verifyKey = verifyKeyOf(INVITE);
const record = (room: string, proof: string | undefined) => ({ link, room, proof });

it("a room's proof is checked with the meeting's verifying key, under its own name and link only", () => {
  const aurora = memberProof(INVITE, link, 'hq/aurora');
  expect(provesMembership(verifyKey, record('hq/aurora', aurora))).toBe(true);
  expect(provesMembership(verifyKey, record('sz/thief', aurora))).toBe(false);
  expect(provesMembership(verifyKey, { link: linkKeyOf('other@example.com'), room: 'hq/aurora', proof: aurora })).toBe(false);
  expect(provesMembership(verifyKeyOf('other@example.com'), record('hq/aurora', aurora))).toBe(false);
  expect(provesMembership(verifyKey, record('hq/aurora', undefined))).toBe(false);
});

it('what an invitation gives a room (its proof, the verifying key, the link) makes no proof for any other room', () => {
  const ticket = memberProof(INVITE, link, 'ny/hudson');
  expect(provesMembership(verifyKey, record('ny/hudson', ticket))).toBe(true);
  // Keyed digests of the room under anything the invited room holds are not the meeting's signature.
  for (const key of [ticket, verifyKey, link]) {
    const made = createHmac('sha256', key).update(`${link}\nsz/thief`).digest('hex');
    expect(provesMembership(verifyKey, record('sz/thief', made + made))).toBe(false);
  }
  // Neither is the keyed digest the invite's key made before proofs were signatures.
  const keyed = createHmac('sha256', `roomctl-member\n${INVITE}`).update(`${link}\nsz/thief`).digest('hex').slice(0, 32);
  expect(provesMembership(verifyKey, record('sz/thief', keyed))).toBe(false);
});

it('a booking made for an invitation is keyed by the link it was invited to', () => {
  expect(linkKeyOf(invitedOccurrenceKey(link))).toBe(link);
  expect(invitedOccurrenceKey(link)).not.toContain(INVITE);
});
