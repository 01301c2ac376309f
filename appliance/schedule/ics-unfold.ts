/**
 * The content lines of a feed, unfolded before decoding: servers fold at 75 octets, so a
 * fold can fall inside a UTF-8 character (中 is three bytes); joining the bytes first keeps
 * it whole, where decoding each line first would make two U+FFFD of it.
 */
export function unfoldBytes(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Buffer[] = [];
  let from = 0;
  // A fold is CRLF (or a bare LF) followed by one space or tab: the three (or two) bytes go.
  for (let lf = buffer.indexOf(0x0a); lf !== -1; lf = buffer.indexOf(0x0a, lf + 1)) {
    const next = buffer[lf + 1];
    if (next !== 0x20 && next !== 0x09) continue;
    const cut = lf > 0 && buffer[lf - 1] === 0x0d ? lf - 1 : lf;
    parts.push(buffer.subarray(from, cut));
    from = lf + 2;
  }
  parts.push(buffer.subarray(from));
  return new TextDecoder('utf-8').decode(Buffer.concat(parts)).replace(/^\uFEFF/, '');
}
