import { createInterface } from 'node:readline';
import { RoomctlError } from '../../drivers/core/errors.js';
import { formatIssue } from '../../appliance/config/config-validate.js';
import { lanAddress } from '../../appliance/lan-address.js';
import { answerIssues, validateAnswers } from './answers-load.js';
import type { ProvisionAnswers } from './answers-schema.js';

interface Question {
  path: string;
  prompt: string;
  /** Default shown in brackets; Enter takes it. Undefined: the question may be left empty (no answer). */
  fallback?: (so: Record<string, unknown>) => string | undefined;
  required?: boolean;
  /** The answer as the answers file holds it; undefined when the text is none of the words in `allowed`. */
  parse?: (text: string) => unknown;
  /** What a parse that returned undefined accepts, said when it refuses. */
  allowed?: string;
  skipIf?: (so: Record<string, unknown>) => boolean;
}

const get = (o: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
function set(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys.at(-1)!] = value;
}
function unset(o: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const parent = get(o, keys.slice(0, -1).join('.'));
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[keys.at(-1)!];
}

const QUESTIONS: Question[] = [
  { path: 'room.id', prompt: 'Room id (lower-case, digits, dashes; e.g. hq-3f-aurora)', required: true },
  { path: 'room.name', prompt: 'Room name people see on the panel', required: true },
  { path: 'room.site', prompt: 'Site (building) id, e.g. hq', required: true },
  { path: 'room.timezone', prompt: 'Time zone', fallback: () => Intl.DateTimeFormat().resolvedOptions().timeZone, required: true },
  { path: 'room.language', prompt: 'Room language: panel, minutes, messages (en, zh-CN)', fallback: () => 'en' },
  {
    path: 'api.publicUrl',
    prompt: 'Public URL phones reach this room at (every QR code and e-mail link starts with it)',
    fallback: () => {
      const lan = lanAddress();
      return lan ? `http://${lan}:8080` : undefined;
    },
    required: true,
  },
  { path: 'calendar.url', prompt: 'Calendar feed (published ICS URL; empty: none)' },
  {
    path: 'notifications.facilities',
    prompt: 'Facilities e-mails for faults and reports (comma-separated; empty: none)',
    parse: (t) =>
      t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  },
  { path: 'mqtt.url', prompt: 'Fleet MQTT broker URL (e.g. mqtts://broker.example:8883; empty: none)' },
  { path: 'mqtt.identity', prompt: 'Broker identity: password or certificate', fallback: () => 'password', skipIf: (so) => get(so, 'mqtt.url') === undefined },
  {
    path: 'mqtt.username',
    prompt: 'Broker username',
    fallback: (so) => `roomctl-${String(get(so, 'room.site'))}-${String(get(so, 'room.id'))}`,
    skipIf: (so) => get(so, 'mqtt.url') === undefined || get(so, 'mqtt.identity') === 'certificate',
  },
  {
    path: 'mqtt.password',
    prompt: 'Broker password (empty: generate one)',
    skipIf: (so) => get(so, 'mqtt.url') === undefined || get(so, 'mqtt.identity') === 'certificate',
  },
  { path: 'panel.adminPin', prompt: 'Admin PIN for the panel (4 to 12 digits; empty: generate one)' },
  {
    path: 'service.kiosk',
    prompt: 'Does this mini-PC drive the touch panel itself? (yes/no)',
    fallback: () => 'no',
    // Anything else is asked again: "maybe" (or "ja") taken as no would leave the screen without its panel.
    parse: (t) => (/^y(es)?$/i.test(t) ? true : /^no?$/i.test(t) ? false : undefined),
    allowed: 'yes, no',
  },
];

/**
 * Asks the provisioning questions one at a time and checks each answer at once, so a typo in
 * the time zone is caught at the time zone, not after the probing. Prompts go to stderr.
 */
export async function askAnswers(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<ProvisionAnswers> {
  const rl = createInterface({ input, terminal: false });
  // The line iterator buffers what was typed (or piped) ahead of the prompt; rl.question would drop it.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string) => {
    output.write(prompt);
    const next = await lines.next();
    if (next.done)
      throw new RoomctlError('ROOMCTL_E_ANSWERS_INVALID', 'the input ended before every question was answered; use --answers FILE to run without questions');
    return String(next.value);
  };
  const answers: Record<string, unknown> = {};
  try {
    for (const q of QUESTIONS) {
      if (q.skipIf?.(answers)) continue;
      for (;;) {
        const fallback = q.fallback?.(answers);
        const text = (await ask(`${q.prompt}${fallback ? ` [${fallback}]` : ''}: `)).trim() || fallback || '';
        if (text === '' && !q.required) break;
        const value = q.parse ? q.parse(text) : text;
        if (value === undefined) {
          output.write(`  ${formatIssue({ path: q.path, message: `${JSON.stringify(text)} is not an answer to this question`, allowed: q.allowed })}\n`);
          continue;
        }
        set(answers, q.path, value);
        const problem = answerIssues(answers).find((i) => i.path === q.path || i.path.startsWith(`${q.path}[`));
        if (!problem) break;
        output.write(`  ${formatIssue(problem)}\n`);
        unset(answers, q.path);
      }
    }
  } finally {
    rl.close();
  }
  return validateAnswers(answers, 'your answers');
}
