import type { FastifyInstance } from 'fastify';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { startTestRoom, type TestRoom } from '../helpers/test-room.js';
import type { JsonSchema } from './schema-arbitrary.js';

export const ADMIN_PIN = '482913';
export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Operation {
  method: string;
  /** The OpenAPI path, with {param} placeholders. */
  path: string;
  security: Array<Record<string, string[]>> | undefined;
  body: JsonSchema | undefined;
  params: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  /** Marked as the phone page's: the bearer token or the meeting's code. */
  meetingCode: boolean;
  /** Marked as the door's booking page's: the bearer token or the door code. */
  doorCode: boolean;
  adminSession: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { security?: Array<Record<string, string[]>>; parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The demo room with a known admin PIN, and its OpenAPI document. */
export async function startSecurityRoom(
  options: { logLevel?: string; configure?: (config: RoomConfig) => void } = {},
): Promise<TestRoom & { doc: OpenApiDocument; operations: Operation[]; resolve: (ref: string) => JsonSchema | undefined }> {
  const room = await startTestRoom({
    logLevel: options.logLevel,
    configure: (config) => {
      config.panel = { ...config.panel, adminPin: ADMIN_PIN };
      options.configure?.(config);
    },
  });
  const doc = (await (await fetch(`${room.baseUrl}/openapi.json`)).json()) as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const security = op.security;
      operations.push({
        method: method.toUpperCase(),
        path,
        security,
        body: op.requestBody?.content?.['application/json']?.schema,
        params: op.parameters ?? [],
        meetingCode: !!security?.some((s) => Object.keys(s).length === 0),
        doorCode: !!security?.some((s) => 'doorCode' in s),
        adminSession: !!security?.some((s) => 'adminSession' in s),
      });
    }
  }
  const resolve = (ref: string) => {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    return doc.components?.schemas?.[name];
  };
  return Object.assign(room, { doc, operations, resolve });
}

/** Every route Fastify serves, method and URL, including those hidden from the document. */
export function servedRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const out: Array<{ method: string; url: string }> = [];
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  for (const line of lines) {
    const m = /^([│ ]*)(?:[├└]── )(.+?) \(([A-Z, ]+)\)$/.exec(line);
    const n = /^([│ ]*)(?:[├└]── )(.+)$/.exec(line);
    if (!n) continue;
    const depth = n[1]!.length / 4;
    const segment = (m ? m[2] : n[2])!;
    stack.length = depth;
    stack.push(segment);
    if (m) for (const method of m[3]!.split(', ')) out.push({ method, url: stack.join('') });
  }
  return out;
}

/** The OpenAPI path of a Fastify URL (`/a/:id` → `/a/{id}`). */
export const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function fillPath(path: string, values: Record<string, string>): string {
  // A lone surrogate cannot be put in a URL at all: it becomes U+FFFD, as a browser would send it.
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(
      (values[name] ?? 'x').replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) =>
        /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all.slice(i - 1, i + 1) + all.slice(i, i + 2)) ? c : '\uFFFD',
      ),
    ),
  );
}

/** A paired panel's credential, the way a panel gets one: it asks with its code, the admin PIN approves, it collects. */
export async function pairPanel(baseUrl: string, code: string, pin = ADMIN_PIN): Promise<{ token: string; panelId: string }> {
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    ).json()) as Record<string, string>;
  const asked = await post('/api/v1/panels/pair', { code });
  await post('/api/v1/panels/pair/approve', { code, pin });
  const collected = await post('/api/v1/panels/pair/claim', { requestId: asked.requestId, claim: asked.claim });
  if (!collected.token) throw new Error(`pairing ${code} failed: ${JSON.stringify(collected)}`);
  return { token: collected.token, panelId: collected.panelId! };
}
