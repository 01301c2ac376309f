import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * What a booking made for an invitation is keyed by: the invitation carries the meeting's link,
 * not the invite's occurrence key (which would let the invited room bring in rooms of its own).
 */
const INVITED_BOOKING = 'roomctl-invited:';

/** The occurrence key of a booking made here for an invitation to `link`: linkKeyOf gives the link back. */
export function invitedOccurrenceKey(link: string): string {
  return `${INVITED_BOOKING}${link}`;
}

/**
 * The key of a meeting across rooms: every room whose calendar holds the same invite has the
 * same occurrence key (the iCalendar UID, and the instant for an occurrence of a series), so
 * the same digest, without the UID (an address, often) appearing on the broker. A booking made
 * for an invitation is keyed by the link it was invited to.
 */
export function linkKeyOf(occurrenceKey: string): string {
  if (occurrenceKey.startsWith(INVITED_BOOKING)) return occurrenceKey.slice(INVITED_BOOKING.length);
  return createHash('sha256').update(`roomctl-link\n${occurrenceKey}`).digest('hex').slice(0, 32);
}

/** The DER prefixes that wrap a raw Ed25519 seed (PKCS#8) and public key (SPKI). */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
/** Signing keys made from occurrence keys, kept so a record is not a key derivation; cleared when full. */
const signingKeys = new Map<string, { signing: KeyObject; verifyKey: string }>();
const SIGNING_KEYS_KEPT = 500;

/**
 * The meeting's signing key, made from the occurrence key: every room whose calendar holds the
 * invite makes the same one. A signature, not a keyed digest: a room shown the verifying half
 * (a room an organiser's room invited) can check every room's proof and make none but its own.
 */
function signingKeyOf(occurrenceKey: string): { signing: KeyObject; verifyKey: string } {
  let keys = signingKeys.get(occurrenceKey);
  if (!keys) {
    const seed = createHmac('sha256', 'roomctl-member').update(occurrenceKey).digest();
    const signing = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(signing).export({ format: 'der', type: 'spki' });
    keys = { signing, verifyKey: spki.subarray(ED25519_SPKI.length).toString('hex') };
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.clear();
    signingKeys.set(occurrenceKey, keys);
  }
  return keys;
}

/** What checks the proofs of a meeting's rooms (hex, 64 characters): given to the rooms an organiser's room invites. */
export function verifyKeyOf(occurrenceKey: string): string {
  return signingKeyOf(occurrenceKey).verifyKey;
}

/**
 * What a room shows on each record to say it is one of the meeting's: the meeting's signature of
 * its `site/room` (hex, 128 characters). A room whose calendar holds the invite makes its own; a
 * room an organiser's room invited is given its own in the invitation and can make no other. The
 * link key on the topic does not give it, and one room's proof is no other room's.
 */
export function memberProof(occurrenceKey: string, link: string, room: string): string {
  return sign(null, memberMessage(link, room), signingKeyOf(occurrenceKey).signing).toString('hex');
}

/** Proofs found good, so a room's next record (the same proof on each) is not checked again; cleared when full. */
/** What a member proof signs: the link and the room, so a proof made for one room proves nothing for another. */
function memberMessage(link: string, room: string): Buffer {
  return Buffer.from(`roomctl-member\n${link}\n${room}`);
}

const provenProofs = new Set<string>();

/** Whether a record's proof is the meeting's signature of its room, checked with the meeting's verifying key. */
export function provesMembership(verifyKey: string, record: { link: string; room: string; proof?: string }): boolean {
  if (record.proof === undefined || !/^[0-9a-f]{128}$/.test(record.proof) || !/^[0-9a-f]{64}$/.test(verifyKey)) return false;
  const seen = `${verifyKey}\n${record.link}\n${record.room}\n${record.proof}`;
  if (provenProofs.has(seen)) return true;
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI, Buffer.from(verifyKey, 'hex')]), format: 'der', type: 'spki' });
  if (!verify(null, memberMessage(record.link, record.room), key, Buffer.from(record.proof, 'hex'))) return false;
  if (provenProofs.size >= SIGNING_KEYS_KEPT) provenProofs.clear();
  provenProofs.add(seen);
  return true;
}

/** A person's opaque key in one linked meeting: the same in every room, and no email on the wire. */
export function personDigest(link: string, personKey: string): string {
  return createHash('sha256').update(`${link}\n${personKey}`).digest('hex').slice(0, 24);
}

/** A record id that is the same each time the same fact is sent (a check-in re-sent after an outage). */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
