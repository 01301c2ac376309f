import type { EventEmitter } from 'node:events';

/**
 * A byte link to a device. Drivers frame and parse; transports only move bytes.
 * Events: 'data' (Buffer) and 'close' (Error | undefined) — 'close' fires once, only for a
 * link that was open, and also when the far end went away (unplugged, socket closed).
 */
export interface Transport extends EventEmitter {
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface TransportEvents {
  data: [Buffer];
  close: [Error | undefined];
}

/** What a driver's options say about its link, besides where the device is. */
export interface LinkOptions {
  /** How long opening a network link may take (ms). */
  connectTimeoutMs?: number;
  /** How long the device has to answer a command (ms). */
  replyTimeoutMs?: number;
  /** Tests only: build the byte link. */
  transportFactory?: () => Transport;
}
