/** The room's online call, as the status, the stream, MQTT `state` and `GET /api/v1/call` carry it. */
export type CallState = 'idle' | 'joining' | 'in-call' | 'ended' | 'failed';

export interface CallStatus {
  state: CallState;
  /** The service (`teams`, `zoom`, … `web`), null before any call. */
  provider: string | null;
  /** The room's meeting the call is for (its id in `/api/v1/meetings`), null before any call. */
  meetingId: string | null;
  since: string;
  /** Why it ended or failed, in words. */
  detail: string | null;
}
