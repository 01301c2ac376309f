import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomEventBus, RoomEventEnvelope } from '../events/room-events.js';
import type { CommandRegistry } from '../telemetry/command-registry.js';

/** A call for help from the room, as the panel shows it. */
export interface HelpRequestView {
  id: string;
  at: string;
  message: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** Requests kept in memory (newest last); the event log on MQTT is the record. */
const KEEP = 50;

/**
 * The panel's help button. A request is published as `help.requested` on the room event bus
 * (telemetry carries it to facilities over MQTT); facilities answer with the signed central
 * command `cmd/ack-help {requestId, by}`, which publishes `help.acknowledged` — and any
 * `help.acknowledged` seen on the bus marks the request, whoever published it. Emits
 * 'change' (HelpRequestView) so the panel can show "someone has seen it".
 */
export class HelpDesk extends EventEmitter {
  private readonly requests: HelpRequestView[] = [];

  constructor(private readonly bus: RoomEventBus) {
    super();
    bus.on('event', this.onEvent);
  }

  request(message?: string): HelpRequestView {
    const request = this.add(randomUUID(), new Date().toISOString(), message ?? null);
    this.bus.publish({ type: 'help.requested', requestId: request.id, ...(message ? { message } : {}) });
    return request;
  }

  acknowledge(requestId: string, by?: string): HelpRequestView {
    const request = this.find(requestId);
    if (!request) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No help request "${requestId}" in this room`);
    if (!request.acknowledgedAt) this.bus.publish({ type: 'help.acknowledged', requestId, ...(by ? { by } : {}) });
    return request;
  }

  get(requestId: string): HelpRequestView {
    const request = this.find(requestId);
    if (!request) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No help request "${requestId}" in this room`);
    return request;
  }

  recent(): HelpRequestView[] {
    return [...this.requests];
  }

  /** Registers `ack-help` on the central command registry; returns the unregister function. */
  registerCommands(commands: CommandRegistry): () => void {
    return commands.register(
      'ack-help',
      (params) => {
        if (typeof params.requestId !== 'string') throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'ack-help needs {requestId, by?}');
        return this.acknowledge(params.requestId, typeof params.by === 'string' ? params.by.slice(0, 120) : undefined);
      },
      'Tell the room someone is on the way for its help request: {requestId, by?}',
    );
  }

  close(): void {
    this.bus.off('event', this.onEvent);
  }

  private add(id: string, at: string, message: string | null): HelpRequestView {
    const request: HelpRequestView = { id, at, message, acknowledgedAt: null, acknowledgedBy: null };
    this.requests.push(request);
    if (this.requests.length > KEEP) this.requests.shift();
    this.emit('change', request);
    return request;
  }

  private find(id: string): HelpRequestView | undefined {
    return this.requests.find((r) => r.id === id);
  }

  private readonly onEvent = (envelope: RoomEventEnvelope) => {
    const event = envelope.event;
    if (event.type === 'help.requested' && !this.find(event.requestId)) {
      this.add(event.requestId, envelope.at, event.message ?? null);
    } else if (event.type === 'help.acknowledged') {
      const request = this.find(event.requestId);
      if (!request || request.acknowledgedAt) return;
      request.acknowledgedAt = envelope.at;
      request.acknowledgedBy = event.by ?? null;
      this.emit('change', request);
    }
  };
}
