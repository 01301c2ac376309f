import type { IPublishPacket, MqttClient } from 'mqtt';
import type { CommandResponse } from '../../contract/commands.js'; // what the sender gets back on its response topic
import { oversized } from '../../contract/validate.js';
import { RoomctlError, toRoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { CommandVerifier } from './command-auth.js';
import type { CommandRegistry } from './command-registry.js';

/** Refused commands (unsigned, bad signature, stale, replayed) are logged at most once per this long, with a count. */
export const REFUSAL_LOG_INTERVAL_MS = 10_000;
const REFUSALS = new Set(['ROOMCTL_E_UNAUTHORIZED', 'ROOMCTL_E_FORBIDDEN', 'ROOMCTL_E_BAD_REQUEST', 'ROOMCTL_E_MQTT_PAYLOAD']);

interface CommandServerOptions {
  /** The room's topic base (`roomctl/<site>/<room>`). */
  base: string;
  /** Home Assistant's discovery prefix, when discovery is on: never a place for answers either. */
  discoveryPrefix?: string;
  now?: () => number;
}

/**
 * Serves `<base>/cmd/<name>`: verifies the signature, runs the registered handler and answers
 * on the response topic — the payload's signed `replyTo` (+ `correlationId`), or, when the
 * payload names none, MQTT 5's `responseTopic` (+ `correlationData`). The property is not
 * signed, so it never overrides `replyTo`; and no answer goes where it could pass for the
 * room's own telemetry (see `mayAnswerOn`). Refusals are answered too (with their code), so
 * a central operator sees why; they are logged at most once per 10 s, with a count.
 */
export class CommandServer {
  private readonly prefix: string;
  private readonly now: () => number;
  private refusals = { loggedAt: Number.NEGATIVE_INFINITY, unlogged: 0 };

  constructor(
    private readonly client: MqttClient,
    private readonly registry: CommandRegistry,
    private readonly verifier: CommandVerifier,
    private readonly log: Pick<Logger, 'info' | 'warn'>,
    private readonly options: CommandServerOptions,
  ) {
    this.prefix = `${options.base}/cmd/`;
    this.now = options.now ?? Date.now;
  }

  get subscription(): string {
    return `${this.prefix}+`;
  }

  /**
   * Answers may go to the room's own `reply/…` subtree (the one a room's broker ACL lets it
   * write besides its telemetry) or outside `roomctl/` altogether; never onto a room's status,
   * state, health, events or command topics (its own or another room's), under the discovery
   * prefix, onto `$` system topics, or to a wildcard.
   */
  mayAnswerOn(topic: string): boolean {
    if (!topic || topic.length > 512 || /[+#\u0000]/.test(topic) || topic.startsWith('$')) return false;
    if (topic.startsWith(`${this.options.base}/reply/`)) return true;
    if (topic === 'roomctl' || topic.startsWith('roomctl/')) return false;
    const discovery = this.options.discoveryPrefix;
    return !(discovery && (topic === discovery || topic.startsWith(`${discovery}/`)));
  }

  /** True when the message was a command (handled, refused or answered). */
  handle(topic: string, payload: Buffer, packet: IPublishPacket): boolean {
    if (!topic.startsWith(this.prefix)) return false;
    const name = topic.slice(this.prefix.length);
    let body: Record<string, unknown> = {};
    // Measured before it is decoded: anyone on the broker may send one, signed or not.
    const tooBig = oversized(`command ${name}`, payload);
    try {
      const parsed: unknown = tooBig ? undefined : JSON.parse(payload.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // Answered below as unsigned: a payload that is not JSON carries no signature.
    }
    const properties = packet.properties;
    const signedReplyTo = typeof body.replyTo === 'string' ? body.replyTo : undefined;
    const replyTo = signedReplyTo ?? properties?.responseTopic;
    const correlationData = properties?.correlationData;
    const correlationId = typeof body.correlationId === 'string' ? body.correlationId : undefined;
    const answerable = replyTo !== undefined && this.mayAnswerOn(replyTo);
    const refusal = tooBig ? new RoomctlError(tooBig.code, tooBig.message) : undefined;
    void this.execute(topic, name, body, replyTo === undefined || answerable ? undefined : replyTo, refusal).then((outcome) => {
      const response: CommandResponse = outcome.ok
        ? { ok: true, command: name, result: outcome.result }
        : { ok: false, command: name, error: { code: outcome.error.code, message: outcome.error.message, hint: outcome.error.hint } };
      if (correlationId !== undefined) response.correlationId = correlationId;
      if (!answerable) {
        if (outcome.ok) this.log.warn({ command: name }, 'command without a response topic');
        return;
      }
      const options = correlationData ? { qos: 1 as const, properties: { correlationData } } : { qos: 1 as const };
      this.client.publish(replyTo, JSON.stringify(response), options, (err) => {
        if (err) this.log.warn({ command: name, err: err.message }, 'command answer not sent');
      });
    });
    return true;
  }

  private async execute(
    topic: string,
    name: string,
    body: Record<string, unknown>,
    forbiddenReply: string | undefined,
    refusal?: RoomctlError,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: RoomctlError }> {
    try {
      if (refusal) throw refusal;
      const command = this.verifier.verify(topic, body);
      // Signed, but the answer would land on the room's own topics: not run at all.
      if (forbiddenReply !== undefined)
        throw new RoomctlError('ROOMCTL_E_FORBIDDEN', `Commands may not be answered on ${forbiddenReply.slice(0, 120)} (a room or discovery topic)`);
      if (!this.registry.has(name))
        throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `This room has no command "${name}"`, { allowed: this.registry.list().map((c) => c.name) });
      this.log.info({ command: name, keyId: command.keyId }, 'central command');
      const result = await this.registry.run(name, command.params ?? {}, { keyId: command.keyId });
      return { ok: true, result: result ?? null };
    } catch (err) {
      const error = toRoomctlError(err);
      if (REFUSALS.has(error.code)) this.logRefusal(name, error);
      else this.log.warn({ command: name, code: error.code, err: error.message }, 'central command failed');
      return { ok: false, error };
    }
  }

  /** Anyone on the broker can send refusals: one line now and then, counting the rest. */
  private logRefusal(name: string, error: RoomctlError): void {
    const now = this.now();
    if (now - this.refusals.loggedAt < REFUSAL_LOG_INTERVAL_MS) {
      this.refusals.unlogged++;
      return;
    }
    this.log.warn({ command: name, code: error.code, err: error.message, alsoRefused: this.refusals.unlogged }, 'central command refused');
    this.refusals = { loggedAt: now, unlogged: 0 };
  }
}
