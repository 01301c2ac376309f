/** The contract's compiled readers, one per payload, built once for the reading end. */
import { AckHelpResultSchema, CommandResponseSchema, SignedCommandSchema } from './commands.js';
import { EventEnvelopeSchema } from './events.js';
import { DeviceHealthSchema, RoomOnlineSchema, RoomStateSchema } from './health.js';
import { compileReader } from './validate.js';

export const readers = {
  online: compileReader('status', RoomOnlineSchema),
  state: compileReader('state', RoomStateSchema),
  health: compileReader('device health', DeviceHealthSchema),
  event: compileReader('event', EventEnvelopeSchema),
  command: compileReader('command', SignedCommandSchema),
  commandResponse: compileReader('command answer', CommandResponseSchema),
  ackHelpResult: compileReader('ack-help result', AckHelpResultSchema),
};
