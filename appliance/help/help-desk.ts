import { randomUUID } from 'node:crypto';
import { TypedBus } from '../model/typed-bus.js';
import { ACK_HELP, type AckHelpResult } from '../../contract/commands.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { CommandSpec } from '../telemetry/command-registry.js';
import type { HelpRepository, HelpRequestView } from './help-repository.js';

export type { HelpRequestView } from './help-repository.js';

/**
 * The panel's help button. A request is published as `help.requested` on the room event bus
 * (telemetry carries it to facilities over MQTT); facilities answer with the signed central
 * command `cmd/ack-help {requestId, by}`, which publishes `help.acknowledged` — and any
 * `help.acknowledged` seen on the bus marks the request, whoever published it. When they
 * have dealt with it, `cmd/resolve-help {requestId, by}` publishes `help.resolved` and the
 * panel says the matter is closed instead of "on the way". Requests
 * are kept in the store, so a restart between the call and the answer loses neither. Emits
 * 'change' (HelpRequestView) so the panels hear "someone has seen it" at once.
 */
export class HelpDesk extends TypedBus<{ change: [HelpRequestView] }> {
  constructor(
    private readonly bus: RoomEventBus,
    private readonly requests: HelpRepository,
  ) {
    super();
    bus.on('event', this.onEvent);
  }

  request(message?: string): HelpRequestView {
    const request = this.add(randomUUID(), new Date().toISOString(), message ?? null);
    this.bus.publish({ type: 'help.requested', requestId: request.id, ...(message ? { message } : {}) });
    return request;
  }

  acknowledge(requestId: string, by?: string): HelpRequestView {
    return this.answer(requestId, 'acknowledgedAt', 'help.acknowledged', by);
  }

  resolve(requestId: string, by?: string): HelpRequestView {
    return this.answer(requestId, 'resolvedAt', 'help.resolved', by);
  }

  get(requestId: string): HelpRequestView {
    const request = this.find(requestId);
    if (!request) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No help request "${requestId}" in this room`);
    return request;
  }

  /** Facilities' answer, published once; the bus delivers it to onEvent synchronously, which stores it. */
  private answer(requestId: string, field: 'acknowledgedAt' | 'resolvedAt', type: 'help.acknowledged' | 'help.resolved', by?: string): HelpRequestView {
    const request = this.get(requestId);
    if (request[field]) return request;
    this.bus.publish({ type, requestId, ...(by ? { by } : {}) });
    return this.find(requestId) ?? request;
  }

  recent(): HelpRequestView[] {
    return this.requests.recent();
  }

  /** The central commands facilities answer with: `ack-help`, `resolve-help`. */
  commands(): CommandSpec[] {
    return [
      {
        name: ACK_HELP,
        handler: (params): AckHelpResult => {
          if (typeof params.requestId !== 'string') throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'ack-help needs {requestId, by?}');
          return this.acknowledge(params.requestId, typeof params.by === 'string' ? params.by.slice(0, 120) : undefined);
        },
        description: 'Tell the room someone is on the way for its help request: {requestId, by?}',
      },
      {
        name: 'resolve-help',
        handler: (params) => {
          if (typeof params.requestId !== 'string') throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'resolve-help needs {requestId, by?}');
          return this.resolve(params.requestId, typeof params.by === 'string' ? params.by.slice(0, 120) : undefined);
        },
        description: 'Tell the room facilities dealt with its help request: {requestId, by?}',
      },
    ];
  }

  close(): void {
    this.bus.off('event', this.onEvent);
  }

  private add(id: string, at: string, message: string | null): HelpRequestView {
    const request: HelpRequestView = { id, at, message, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null };
    if (this.requests.add(request)) this.emit('change', request);
    return request;
  }

  private find(id: string): HelpRequestView | undefined {
    return this.requests.get(id);
  }

  private readonly onEvent = (envelope: RoomEventEnvelope) => {
    const event = envelope.event;
    if (event.type === 'help.requested') {
      this.add(event.requestId, envelope.at, event.message ?? null);
    } else if (event.type === 'help.acknowledged') {
      const changed = this.requests.acknowledge(event.requestId, envelope.at, event.by ?? null);
      if (changed) this.emit('change', changed);
    } else if (event.type === 'help.resolved') {
      const changed = this.requests.resolve(event.requestId, envelope.at, event.by ?? null);
      if (changed) this.emit('change', changed);
    }
  };
}
