import type { Minutes } from '../../appliance/api/api-types.js';

/** What `GET /api/v1/meetings/:id/minutes.json` answers, read by the minutes screen and the end summary. */
export interface MinutesRead {
  final: boolean;
  sentAt: string | null;
  /** When held minutes go out by themselves; null once sent or when not held. */
  sendsAt: string | null;
  minutes: Minutes;
}
