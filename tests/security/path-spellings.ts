import { request } from 'node:http';

/**
 * Other ways to write a path that a router, a proxy or a URL parser may take for the same
 * one: a letter percent-encoded (upper and lower hex), `%2F` for a slash, `/./` and
 * `/x/../`, doubled slashes, upper case, a trailing slash. `full` adds one encoded letter per
 * segment and the combinations; the reduced set still has one of each kind.
 */
export function pathSpellings(path: string, full: boolean): string[] {
  const segments = path.split('/').slice(1);
  const out = new Set<string>();
  const join = (parts: string[]) => `/${parts.join('/')}`;
  const encodeAt = (s: string, i: number, upper: boolean) => {
    const hex = s.charCodeAt(i).toString(16).padStart(2, '0');
    return `${s.slice(0, i)}%${upper ? hex.toUpperCase() : hex}${s.slice(i + 1)}`;
  };
  const letterSegments = segments.map((s, i) => ({ s, i })).filter(({ s }) => /^[a-z]/i.test(s));
  for (const { s, i } of full ? letterSegments : letterSegments.slice(0, 2)) {
    for (const upper of [false, true]) out.add(join(segments.map((x, j) => (j === i ? encodeAt(s, 0, upper) : x))));
  }
  // The last letter of the last segment too (a check of the path's end, like `endsWith`).
  const last = segments.length - 1;
  if (/[a-z]$/i.test(segments[last]!)) out.add(join(segments.map((x, j) => (j === last ? encodeAt(x, x.length - 1, false) : x))));
  out.add(path.replace('/', '%2F').replace(/^%2F/, '/%2F'));
  out.add(`/${segments[0]}%2F${segments.slice(1).join('/')}`);
  out.add(`/${segments[0]}%2f${segments.slice(1).join('/')}`);
  out.add(`/./${segments.join('/')}`);
  out.add(`/${segments[0]}/./${segments.slice(1).join('/')}`);
  out.add(`/${segments[0]}/x/../${segments.slice(1).join('/')}`);
  out.add(`/${segments[0]}/%2e/${segments.slice(1).join('/')}`);
  out.add(`/${segments[0]}/x/%2e%2e/${segments.slice(1).join('/')}`);
  out.add(`/${path}`);
  out.add(path.replace(/\//g, '//'));
  out.add(`/${segments[0]}//${segments.slice(1).join('/')}`);
  out.add(path.toUpperCase());
  out.add(join(segments.map((s, j) => (j === 0 ? s.toUpperCase() : s))));
  out.add(`${path}/`);
  out.add(`${path}%2F`);
  out.add(`${path}?`);
  out.add(`${path};x=1`);
  if (full) {
    out.add(`/${encodeAt(segments[0]!, 0, false)}//${segments.slice(1).join('/')}/`);
    out.add(`/./${encodeAt(segments[0]!, 0, true)}/x/../${segments.slice(1).join('/')}`);
    for (const { s, i } of letterSegments)
      for (let k = 0; k < s.length; k++) if (/[a-z]/i.test(s[k]!)) out.add(join(segments.map((x, j) => (j === i ? encodeAt(s, k, k % 2 === 0) : x))));
  }
  out.delete(path);
  return [...out];
}

/** One request with the path sent byte for byte as given (fetch would normalise `/./` and `//`). */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: false,
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // An upgrade that went through answers 101: the caller sees it, rather than a hang.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, body: '' });
    });
    req.on('error', reject);
    req.end(body);
  });
}
