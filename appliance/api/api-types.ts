/**
 * Shapes the API sends, shared by the appliance and the panel (type-only imports in the
 * panel, so nothing of the appliance ends up in the browser bundle).
 */
import type { DeviceKind, DeviceStatus } from '../../drivers/core/definition.js';

export type { DeviceKind, DeviceStatus };

export interface ActionView {
  name: string;
  description: string;
  /** JSON Schema of the request body for POST /api/v1/devices/:id/actions/:name */
  params: unknown;
}

export interface DeviceView {
  id: string;
  name: string;
  driver: string;
  kind: DeviceKind;
  status: DeviceStatus;
  /** ISO time the status last changed */
  since: string;
  /** What a person needs to know about the status (e.g. the last error) */
  detail: string | null;
  /** Last-known device state published by the driver: power, input, lastPreset, position... */
  state: Record<string, unknown>;
  capabilities: { name: string; traits?: Record<string, unknown> }[];
  actions: ActionView[];
}

export interface RoomView {
  id: string;
  name: string;
  site: string;
  timezone: string;
}

export type RoomState = 'idle' | 'booked' | 'in_meeting';

export interface StatusView {
  room: RoomView;
  roomState: RoomState;
  devices: Record<DeviceStatus, number> & { total: number };
  version: string;
  /** Appliance time, ISO */
  time: string;
}

export interface ActionResult {
  ok: true;
  result: unknown;
}

/** Messages on WebSocket /api/v1/stream, newest state first on connect. */
export type StreamMessage =
  | { type: 'snapshot'; status: StatusView; devices: DeviceView[] }
  | { type: 'device'; device: DeviceView }
  | { type: 'status'; status: StatusView };
