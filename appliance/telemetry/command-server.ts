import type { IPublishPacket, MqttClient } from 'mqtt';
import { RoomctlError, toRoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { CommandVerifier } from './command-auth.js';
import type { CommandRegistry } from './command-registry.js';

/** What the sender gets back on its response topic. */
export type CommandResponse =
  | { ok: true; command: string; correlationId?: string; result: unknown }
  | { ok: false; command: string; correlationId?: string; error: { code: string; message: string; hint: string } };

/**
 * Serves `<base>/cmd/<name>`: verifies the signature, runs the registered handler and answers
 * on the response topic — MQTT 5's `responseTopic` + `correlationData`, or the payload's
 * `replyTo` + `correlationId` on 3.1.1. Refusals are answered too (with their code), so a
 * central operator sees why; a command with nowhere to answer is only logged.
 */
export class CommandServer {
  private readonly prefix: string;

  constructor(
    private readonly client: MqttClient,
    base: string,
    private readonly registry: CommandRegistry,
    private readonly verifier: CommandVerifier,
    private readonly log: Pick<Logger, 'info' | 'warn'>,
  ) {
    this.prefix = `${base}/cmd/`;
  }

  get subscription(): string {
    return `${this.prefix}+`;
  }

  /** True when the message was a command (handled, refused or answered). */
  handle(topic: string, payload: Buffer, packet: IPublishPacket): boolean {
    if (!topic.startsWith(this.prefix)) return false;
    const name = topic.slice(this.prefix.length);
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(payload.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // Answered below as unsigned: a payload that is not JSON carries no signature.
    }
    const properties = packet.properties;
    const replyTo = properties?.responseTopic ?? (typeof body.replyTo === 'string' ? body.replyTo : undefined);
    const correlationData = properties?.correlationData;
    const correlationId = typeof body.correlationId === 'string' ? body.correlationId : undefined;
    void this.execute(topic, name, body).then((outcome) => {
      const response: CommandResponse = outcome.ok
        ? { ok: true, command: name, result: outcome.result }
        : { ok: false, command: name, error: { code: outcome.error.code, message: outcome.error.message, hint: outcome.error.hint } };
      if (correlationId !== undefined) response.correlationId = correlationId;
      if (!replyTo) {
        this.log.warn({ command: name, ok: outcome.ok }, 'command without a response topic');
        return;
      }
      const options = correlationData ? { qos: 1 as const, properties: { correlationData } } : { qos: 1 as const };
      this.client.publish(replyTo, JSON.stringify(response), options, (err) => {
        if (err) this.log.warn({ command: name, err: err.message }, 'command answer not sent');
      });
    });
    return true;
  }

  private async execute(topic: string, name: string, body: Record<string, unknown>): Promise<{ ok: true; result: unknown } | { ok: false; error: RoomctlError }> {
    try {
      const command = this.verifier.verify(topic, body);
      if (!this.registry.has(name)) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `This room has no command "${name}"`, { allowed: this.registry.list().map((c) => c.name) });
      this.log.info({ command: name, keyId: command.keyId }, 'central command');
      const result = await this.registry.run(name, command.params ?? {}, { keyId: command.keyId });
      return { ok: true, result: result ?? null };
    } catch (err) {
      const error = toRoomctlError(err);
      this.log.warn({ command: name, code: error.code, err: error.message }, 'central command refused or failed');
      return { ok: false, error };
    }
  }
}
