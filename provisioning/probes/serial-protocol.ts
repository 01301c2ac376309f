/** What a probe made of an answer: the protocol it knows, or why the bytes are not it. */
export type Interpretation = { ok: true; settings: Record<string, unknown>; detail: string } | { ok: false; why: string };

/** One question asked one way (baud rate, address) on a port. */
export interface ProbeAttempt {
  baudRate: number;
  /** For progress lines: "address set at 9600 baud". */
  label: string;
  request: Uint8Array;
  complete(bytes: Buffer): boolean;
  interpret(bytes: Buffer): Interpretation;
}

/**
 * A protocol that may sit on a serial port, as data: the questions that make a device of
 * that kind answer, and how to read the answers. Adding a protocol is adding one of these.
 */
export interface SerialProtocolProbe {
  protocol: string;
  driver: string;
  attempts: ProbeAttempt[];
}
