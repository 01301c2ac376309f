/**
 * A load generator process for load.bench.ts, so the load shares no event loop with the
 * bench (and its simulators) or the appliance. argv[2]: LoadWorkerData as JSON. Roles:
 *  - 'panels': `panels` WebSocket stream clients plus one actor that switches `actorDevice`
 *    on and off, one action at a time, and times each until every panel has the device
 *    message showing the new power state (fan-out);
 *  - 'api': `clients` keep-alive HTTP clients, each sending a request every ~`periodMs`
 *    (reads of status/devices/room, and actions on `apiDevice`), timing each.
 * Sends one result message (IPC) and exits.
 */
import { Agent, request } from 'node:http';
import WebSocket from 'ws';

export interface LoadWorkerData {
  role: 'panels' | 'api';
  baseUrl: string;
  token: string;
  durationMs: number;
  panels?: number;
  actorDevice?: string;
  clients?: number;
  periodMs?: number;
  apiDevice?: string;
}

export interface PanelsResult {
  role: 'panels';
  /** Request sent → HTTP answer, per actor action (ms). */
  actions: number[];
  /** Request sent → this panel had the device message, per action and panel (ms). */
  fanout: number[];
  /** First panel → this panel, per action and panel (ms). */
  spread: number[];
  /** Actions whose message did not reach every panel within 2 s. */
  missed: number;
}

export interface ApiResult {
  role: 'api';
  reads: number[];
  actions: number[];
  errors: number;
  statuses: Record<string, number>;
}

const data = JSON.parse(process.argv[2]!) as LoadWorkerData;
const { hostname, port } = new URL(data.baseUrl);

function httpCall(agent: Agent, method: string, path: string, body?: unknown): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = { authorization: `Bearer ${data.token}` };
  if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  return new Promise((resolve, reject) => {
    const req = request({ agent, hostname, port, path, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function runPanels(): Promise<PanelsResult> {
  const device = data.actorDevice!;
  const panels = data.panels ?? 20;
  // Per panel: the time each power value was last seen arriving for the actor's camera.
  const seen = Array.from({ length: panels }, () => new Map<string, number>());
  const sockets = await Promise.all(
    Array.from(
      { length: panels },
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          // Each panel from its own address, as panels are: the room caps streams per address.
          const ws = new WebSocket(`${data.baseUrl.replace('http', 'ws')}/api/v1/stream?token=${data.token}`, { localAddress: `127.0.2.${1 + (i % 250)}` });
          ws.on('message', (raw) => {
            const at = performance.now();
            const message = JSON.parse(String(raw)) as { type: string; device?: { id: string; state?: { power?: string } } };
            const power = message.type === 'device' && message.device?.id === device ? message.device.state?.power : undefined;
            if (typeof power === 'string' && !seen[i]!.has(power)) seen[i]!.set(power, at);
          });
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        }),
    ),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const result: PanelsResult = { role: 'panels', actions: [], fanout: [], spread: [], missed: 0 };
  const end = performance.now() + data.durationMs;
  for (let k = 0; performance.now() < end; k++) {
    const on = k % 2 === 0;
    const power = on ? 'on' : 'standby';
    for (const s of seen) s.delete(power);
    const t0 = performance.now();
    const status = await httpCall(agent, 'POST', `/api/v1/devices/${device}/actions/power`, { on });
    result.actions.push(performance.now() - t0);
    if (status !== 200) continue;
    const deadline = performance.now() + 2000;
    while (seen.some((s) => !s.has(power)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const arrivals = seen.map((s) => s.get(power)).filter((t): t is number => t !== undefined);
    if (arrivals.length < panels) result.missed++;
    const first = Math.min(...arrivals);
    for (const at of arrivals) {
      result.fanout.push(at - t0);
      result.spread.push(at - first);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  agent.destroy();
  for (const ws of sockets) ws.close();
  return result;
}

async function runApi(): Promise<ApiResult> {
  const result: ApiResult = { role: 'api', reads: [], actions: [], errors: 0, statuses: {} };
  const period = data.periodMs ?? 200;
  const end = performance.now() + data.durationMs;
  const reads = ['/api/v1/status', '/api/v1/devices', '/api/v1/status', '/api/v1/room/now'];
  await Promise.all(
    Array.from({ length: data.clients ?? 50 }, async (_, c) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      // Spread the clients' phases so they do not fire in step.
      await new Promise((r) => setTimeout(r, Math.random() * period));
      for (let n = 0; performance.now() < end; n++) {
        const startedAt = performance.now();
        const isAction = (n + c) % 5 === 0;
        try {
          const status = isAction
            ? await httpCall(agent, 'POST', `/api/v1/devices/${data.apiDevice}/actions/power`, { on: true })
            : await httpCall(agent, 'GET', reads[(n + c) % reads.length]!);
          (isAction ? result.actions : result.reads).push(performance.now() - startedAt);
          result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        } catch {
          result.errors++;
        }
        const wait = period * (0.5 + Math.random()) - (performance.now() - startedAt);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      agent.destroy();
    }),
  );
  return result;
}

const run = data.role === 'panels' ? runPanels() : runApi();
const send = (message: unknown) => process.send!(message, () => process.exit(0));
run.then(send, (err: unknown) => send({ role: data.role, error: String((err as Error).stack ?? err) }));
