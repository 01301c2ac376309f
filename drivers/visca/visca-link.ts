import type { EventEmitter } from 'node:events';

/**
 * How VISCA messages reach one camera, whatever carries them (UDP with the VISCA-over-IP
 * header, raw VISCA over TCP). The command channel writes whole messages and reads whole
 * reply frames; the link owns framing, sequence numbers and retransmission.
 *
 * Events:
 * - 'frame' (Uint8Array): one VISCA reply frame for the command channel;
 * - 'noise' (string): something arrived that is not a reply (counts against the link);
 * - 'rejected' (message: Uint8Array, error: RoomctlError): the transport refused one message
 *   (VISCA over IP control errors) — the request that sent it fails, the link stays;
 * - 'lost' (RoomctlError): the link is gone (socket closed, port unreachable).
 */
export interface ViscaLink extends EventEmitter {
  open(): Promise<void>;
  write(message: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
