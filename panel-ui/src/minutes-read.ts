import type { Minutes } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';

/** What `GET /api/v1/meetings/:id/minutes.json` answers, read by the minutes screen and the end summary. */
export interface MinutesRead {
  final: boolean;
  sentAt: string | null;
  /** When held minutes go out by themselves; null once sent or when not held. */
  sendsAt: string | null;
  minutes: Minutes;
}

/** The meeting's minutes as they stand (assembled, or still being written). */
export function fetchMinutes(api: ApiClient, meetingId: string): Promise<MinutesRead> {
  return api.get<MinutesRead>(`/api/v1/meetings/${encodeURIComponent(meetingId)}/minutes.json`);
}
