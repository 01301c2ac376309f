import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { DeviceView, StreamMessage } from '../api-types.js';
import type { ApplianceCore } from '../../appliance-core.js';
import type { HelpDesk, HelpRequestView } from '../../help/help-desk.js';

/**
 * WebSocket /api/v1/stream: a snapshot on connect, then every change. Read-only, like the
 * GET routes; a panel that reconnects gets a fresh snapshot and so never misses a state.
 */
export async function streamRoute(app: FastifyInstance, core: ApplianceCore, help?: HelpDesk): Promise<void> {
  const clients = new Set<WebSocket>();
  const broadcast = (message: StreamMessage) => {
    const text = JSON.stringify(message);
    for (const socket of clients) if (socket.readyState === socket.OPEN) socket.send(text);
  };
  const onDevice = (device: DeviceView) => {
    broadcast({ type: 'device', device });
    broadcast({ type: 'status', status: core.status() });
  };
  core.devices.on('device', onDevice);
  // Meeting changes (room state, check-ins, warnings) carry their own message, then the status.
  const onMeeting = (message: StreamMessage) => {
    broadcast(message);
    broadcast({ type: 'status', status: core.status() });
  };
  core.meetings?.on('change', onMeeting);
  // The data folder filling up (or freed) changes what the room can do: panels hear it at once.
  const onStorage = () => broadcast({ type: 'status', status: core.status() });
  core.storage?.on('change', onStorage);
  // A help call answered from the fleet shows on the panel at once, not at its next poll.
  const onHelp = (request: HelpRequestView) => broadcast({ type: 'help', request });
  help?.on('change', onHelp);
  app.addHook('onClose', async () => {
    core.devices.off('device', onDevice);
    core.meetings?.off('change', onMeeting);
    core.storage?.off('change', onStorage);
    help?.off('change', onHelp);
    for (const socket of clients) socket.close(1001, 'appliance stopping');
  });

  app.get('/api/v1/stream', { websocket: true }, (socket) => {
    clients.add(socket);
    const snapshot: StreamMessage = { type: 'snapshot', status: core.status(), devices: core.devices.list() };
    socket.send(JSON.stringify(snapshot));
    if (core.meetings) socket.send(JSON.stringify(core.meetings.streamMessage()));
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => clients.delete(socket));
  });
}
