/**
 * What a string may be before it goes anywhere near GStreamer. Each check says why a value
 * is refused, so the coded error can name the field and the rule. These are policy (what a
 * camera URI or a recording path looks like); launch-quote.ts is the second gate that
 * makes whatever passes inert in the launch syntax.
 */
export type ValueCheck = 'rtsp-uri' | 'device-path' | 'recording-location' | 'identifier' | 'credential' | 'pulse-device';

/** C0 controls, DEL and C1 controls: never meaningful in a URI, a path or a password. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters a URI never carries unencoded (RFC 3986 excludes them) and that quote or split text. */
const URI_FORBIDDEN = /[\s"'\\<>{}|^`]/;

export function checkValue(check: ValueCheck, value: string): string | null {
  if (CONTROL.test(value)) return 'contains control characters (newline, tab, NUL…)';
  switch (check) {
    case 'rtsp-uri':
      return rtspUriProblem(value);
    case 'device-path':
      return /^\/dev\/(video[0-9]{1,3}|v4l\/by-(id|path)\/[A-Za-z0-9._:-]{1,200})$/.test(value)
        ? null
        : 'is not a video device path (/dev/videoN or /dev/v4l/by-id/…)';
    case 'recording-location':
      return recordingLocationProblem(value);
    case 'identifier':
      return /^[a-z][a-z0-9_-]{0,31}$/.test(value) ? null : 'is not a plain identifier';
    case 'credential':
      return value.length >= 1 && value.length <= 256 ? null : 'must be 1 to 256 characters';
    case 'pulse-device':
      return /^[A-Za-z0-9._:-]{1,200}$/.test(value) ? null : 'is not an audio source name';
  }
}

export function rtspUriProblem(value: string): string | null {
  if (value.length > 1024) return 'is longer than 1024 characters';
  if (URI_FORBIDDEN.test(value)) return 'contains spaces, quotes, backslashes or other characters a URI must percent-encode';
  if (!/^rtsps?:\/\//i.test(value)) return 'must start with rtsp:// or rtsps://';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URI';
  }
  if (!url.hostname) return 'has no host';
  // `!` is legal in a URI path, but nothing a camera serves needs it, and it is the launch
  // syntax's link operator: refusing it keeps the URI meaningless to the parser even unquoted.
  if (value.includes('!')) return 'contains "!"';
  return null;
}

function recordingLocationProblem(value: string): string | null {
  if (!value.startsWith('/')) return 'must be an absolute path';
  if (!/^[A-Za-z0-9._/+@-]+%05d\.(mp4|mkv)$/.test(value)) return 'must be a plain path (letters, digits, . _ / + @ -) ending in %05d.mp4 or %05d.mkv';
  if (value.split('/').some((segment) => segment === '..' || segment === '.')) return 'must not contain . or .. segments';
  return null;
}
