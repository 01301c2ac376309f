/**
 * Central commands on `cmd/<name>` and the room's answers: signed with a shared key, answered
 * on the signed `replyTo` (or MQTT 5's response topic), and the help relay's command and answer.
 */
import { type Static, Type } from '@sinclair/typebox';

export const SignedCommandSchema = Type.Object({
  keyId: Type.String(),
  /** ms since the epoch; within ±60 s of the room's clock. */
  ts: Type.Number(),
  /** Accepted once. */
  nonce: Type.String(),
  /** hex(HMAC-SHA256(secret, topic "\n" ts "\n" nonce "\n" (replyTo or "") "\n" canonical(params))) */
  sig: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** MQTT 3.1.1 has no response topic property: the answer goes here. */
  replyTo: Type.Optional(Type.String()),
  correlationId: Type.Optional(Type.String()),
});
export type SignedCommand = Static<typeof SignedCommandSchema>;

export const CommandErrorSchema = Type.Object({ code: Type.String(), message: Type.String(), hint: Type.String() });

/** What the sender gets back on its response topic. */
export const CommandResponseSchema = Type.Union([
  Type.Object({ ok: Type.Literal(true), command: Type.String(), correlationId: Type.Optional(Type.String()), result: Type.Unknown() }),
  Type.Object({ ok: Type.Literal(false), command: Type.String(), correlationId: Type.Optional(Type.String()), error: CommandErrorSchema }),
]);
export type CommandResponse = Static<typeof CommandResponseSchema>;

/** The help relay: `cmd/ack-help` tells the room facilities have seen a help call. */
export const ACK_HELP = 'ack-help';
export const AckHelpParamsSchema = Type.Object({ requestId: Type.String({ minLength: 1 }), by: Type.Optional(Type.String()) });
export type AckHelpParams = Static<typeof AckHelpParamsSchema>;
/** The room's result for `ack-help`: the help call as the room now has it, with when it recorded the acknowledgement. */
export const AckHelpResultSchema = Type.Object({ acknowledgedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])) }, { additionalProperties: true });
export type AckHelpResult = Static<typeof AckHelpResultSchema>;

/** The help relay: `cmd/resolve-help` tells the room facilities dealt with a help call (same params as ack-help). */
export const RESOLVE_HELP = 'resolve-help';
/** The room's result for `resolve-help`: when it recorded the resolution (and the acknowledgement, when it had none). */
export const ResolveHelpResultSchema = Type.Object(
  { resolvedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])), acknowledgedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])) },
  { additionalProperties: true },
);
export type ResolveHelpResult = Static<typeof ResolveHelpResultSchema>;
