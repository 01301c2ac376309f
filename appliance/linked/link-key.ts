import { createHash } from 'node:crypto';

/**
 * The key of a meeting across rooms: every room whose calendar holds the same invite has the
 * same occurrence key (the iCalendar UID, and the instant for an occurrence of a series), so
 * the same digest, without the UID (an address, often) appearing on the broker.
 */
export function linkKeyOf(occurrenceKey: string): string {
  return createHash('sha256').update(`roomctl-link\n${occurrenceKey}`).digest('hex').slice(0, 32);
}

/** A person's opaque key in one linked meeting: the same in every room, and no email on the wire. */
export function personDigest(link: string, personKey: string): string {
  return createHash('sha256').update(`${link}\n${personKey}`).digest('hex').slice(0, 24);
}

/** A record id that is the same each time the same fact is sent (a check-in re-sent after an outage). */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
