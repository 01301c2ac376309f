import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The key of a meeting across rooms: every room whose calendar holds the same invite has the
 * same occurrence key (the iCalendar UID, and the instant for an occurrence of a series), so
 * the same digest, without the UID (an address, often) appearing on the broker.
 */
export function linkKeyOf(occurrenceKey: string): string {
  return createHash('sha256').update(`roomctl-link\n${occurrenceKey}`).digest('hex').slice(0, 32);
}

/**
 * What a room shows on each record to say it holds the meeting: a keyed digest of the room's
 * `site/room` under the occurrence key. Only a room whose calendar holds the invite, or that an
 * organiser's room invited (the invitation, which only the invited room may read, carries the
 * key), can make it; the link key on the topic does not give it, and one room's proof is no
 * other room's.
 */
export function memberProof(occurrenceKey: string, link: string, room: string): string {
  return createHmac('sha256', `roomctl-member\n${occurrenceKey}`).update(`${link}\n${room}`).digest('hex').slice(0, 32);
}

/** Whether a record's proof is the one its room makes for this meeting. */
export function provesMembership(occurrenceKey: string, record: { link: string; room: string; proof?: string }): boolean {
  if (record.proof === undefined) return false;
  const expected = Buffer.from(memberProof(occurrenceKey, record.link, record.room));
  const given = Buffer.from(record.proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A person's opaque key in one linked meeting: the same in every room, and no email on the wire. */
export function personDigest(link: string, personKey: string): string {
  return createHash('sha256').update(`${link}\n${personKey}`).digest('hex').slice(0, 24);
}

/** A record id that is the same each time the same fact is sent (a check-in re-sent after an outage). */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
