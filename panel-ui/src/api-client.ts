import type { ActionResult } from '../../appliance/api/api-types.js';
import type { ErrorBody, ErrorCode } from '../../drivers/core/errors.js';

/** localStorage key for the bearer token, so a panel keeps working after a reload or reboot. */
const TOKEN_STORAGE_KEY = 'roomctl.token';

/** Codes only the panel raises: the request never got a coded answer from the appliance. */
type PanelErrorCode = 'PANEL_E_NETWORK' | 'PANEL_E_BAD_RESPONSE';

/** A failed API call, with the appliance's coded error when there was one. */
export class ApiError extends Error {
  readonly code: ErrorCode | PanelErrorCode;
  readonly hint: string;
  readonly details: unknown;
  /** HTTP status, or 0 when the appliance did not answer. */
  readonly status: number;

  constructor(body: { code: ErrorCode | PanelErrorCode; message: string; hint?: string; details?: unknown }, status: number) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.hint = body.hint ?? '';
    this.details = body.details;
    this.status = status;
  }
}

/**
 * Takes `?token=` from the address once: stores it, then removes it from the address bar
 * (so it does not stay on screen, in history or in a screenshot). Without one in the URL,
 * the stored token is used. Storage can be unavailable (private mode); then the token
 * lives only as long as the page.
 */
export function takeToken(loc: Location = window.location, hist: History = window.history, storage: Storage | null = safeStorage()): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    hist.replaceState(hist.state, '', url.pathname + url.search + url.hash);
    if (fromUrl === '') {
      storage?.removeItem(TOKEN_STORAGE_KEY);
      return null;
    }
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Quota or policy: keep the token in memory only.
    }
    return fromUrl;
  }
  return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Stores (or forgets) the panel's credential, e.g. after pairing or when it was revoked. */
export function storeToken(token: string | null, storage: Storage | null = safeStorage()): void {
  try {
    if (token) storage?.setItem(TOKEN_STORAGE_KEY, token);
    else storage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // In memory only.
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Thin fetch wrapper for the appliance's HTTP API: JSON in, JSON out, coded errors thrown as
 * ApiError. Carries the bearer (config token or paired panel's credential), the admin session
 * while one is open, and on the phone pages the meeting code or the door code.
 */
export class ApiClient {
  /** X-Roomctl-Admin while the admin view is open. */
  adminSession: string | null = null;
  /** X-Meeting-Code (the phone page). */
  meetingCode: string | null = null;
  /** X-Door-Code (the booking page the door's QR code opens). */
  doorCode: string | null = null;
  /** X-Minutes-Reader: the personal link's token from a minutes email (`reader=` in the link). */
  minutesReader: string | null = null;

  constructor(
    public token: string | null,
    private readonly baseUrl = '',
    private readonly timeoutMs = 10_000,
  ) {}

  /** POST /api/v1/devices/:id/actions/:action with `params` as the JSON body. */
  runAction(deviceId: string, action: string, params: Record<string, unknown>, timeoutMs?: number): Promise<ActionResult> {
    return this.request<ActionResult>('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/actions/${encodeURIComponent(action)}`, params, timeoutMs);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, body);
  }

  /** A text resource (the QR code SVG), with the same credentials. */
  async text(path: string): Promise<string> {
    const response = await this.fetch('GET', path, undefined, this.timeoutMs);
    if (!response.ok) throw await errorOf(response);
    return response.text();
  }

  /** A picture (a preset's still), with the same credentials: an <img> cannot send them itself. */
  async blob(path: string): Promise<Blob> {
    const response = await this.fetch('GET', path, undefined, this.timeoutMs);
    if (!response.ok) throw await errorOf(response);
    return response.blob();
  }

  request<T>(method: Method, path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    return this.fetch(method, path, body, timeoutMs).then(async (response) => {
      if (response.status === 204) return undefined as T;
      if (response.ok) return (await response.json().catch(() => undefined)) as T;
      throw await errorOf(response);
    });
  }

  /** A response read as it arrives (the live MJPEG preview), with the same credentials, until `signal` aborts. */
  async stream(path: string, signal: AbortSignal): Promise<Response> {
    const response = await fetch(this.baseUrl + path, { headers: this.headers(undefined), signal });
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  private headers(body: unknown): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.adminSession) headers['x-roomctl-admin'] = this.adminSession;
    if (this.meetingCode) headers['x-meeting-code'] = this.meetingCode;
    if (this.doorCode) headers['x-door-code'] = this.doorCode;
    if (this.minutesReader) headers['x-minutes-reader'] = this.minutesReader;
    return headers;
  }

  private async fetch(method: Method, path: string, body: unknown, timeoutMs: number): Promise<Response> {
    try {
      return await fetch(this.baseUrl + path, {
        method,
        headers: this.headers(body),
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiError(
        {
          code: 'PANEL_E_NETWORK',
          message: timedOut ? 'The appliance did not answer in time.' : 'The appliance could not be reached.',
          hint: "Check the panel's network connection; the room may still be starting.",
        },
        0,
      );
    }
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => undefined);
  if (isErrorBody(payload)) return new ApiError(payload, response.status);
  return new ApiError({ code: 'PANEL_E_BAD_RESPONSE', message: `The appliance answered HTTP ${response.status} without a coded error.` }, response.status);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string' && typeof (value as ErrorBody).message === 'string';
}
