import type { ErrorBody } from '../../drivers/core/errors.js';
import { ApiError } from './api-client.js';

/**
 * The booking page's calls: JSON with the door code from the QR code (X-Door-Code), never a
 * token; failures thrown as ApiError with the appliance's code, as ApiClient throws them.
 * (ApiClient knows the panel's and the meeting page's credentials, not this one; when it
 * learns a `doorCode` the way it knows `meetingCode`, this file can go.)
 */
export async function doorCall<T>(method: 'GET' | 'POST', path: string, doorCode: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { accept: 'application/json', 'x-door-code': doorCode, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new ApiError({ code: 'PANEL_E_NETWORK', message: 'The room could not be reached.' }, 0);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const coded = typeof payload === 'object' && payload !== null && typeof (payload as ErrorBody).code === 'string';
  throw new ApiError(coded ? (payload as ErrorBody) : { code: 'PANEL_E_BAD_RESPONSE', message: `The room answered HTTP ${response.status} without a coded error.` }, response.status);
}
