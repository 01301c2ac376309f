/** `'81 01 04 00 02 FF'` → bytes, so tests read like the protocol table. */
export const bytes = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/), (b) => parseInt(b, 16));

/** Bytes → `'81 01 04 00 02 FF'`. */
export const hex = (frame: Uint8Array): string => [...frame].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
