/** Where linked rooms' records and invitations go out: the telemetry outbox (SQLite first, QoS 1, re-sent until the broker has them). */
export interface RecordSender {
  enqueue(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }): void;
}
