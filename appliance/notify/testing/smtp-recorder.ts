import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface RecordedMail {
  from: string;
  to: string[];
  /** The raw RFC 5322 message. */
  data: string;
}

export interface SmtpRecorder {
  port: number;
  messages: RecordedMail[];
  close(): Promise<void>;
}

/** Starts Debian's aiosmtpd on a free loopback port; every accepted message lands in `messages`. */
export async function startSmtpRecorder(port = 0): Promise<SmtpRecorder> {
  const script = fileURLToPath(new URL('./smtp-recorder.py', import.meta.url));
  const child: ChildProcess = spawn('/usr/bin/python3', [script, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const messages: RecordedMail[] = [];
  const lines = createInterface({ input: child.stdout! });
  const listening = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`smtp recorder exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('PORT ')) resolve(Number(line.slice(5)));
      else if (line.startsWith('{')) messages.push(JSON.parse(line) as RecordedMail);
    });
  });
  return {
    port: listening,
    messages,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One part (`text/plain`, `text/html`) of a raw MIME message, decoded from quoted-printable or base64. */
export function mailPart(raw: string, type: 'text/plain' | 'text/html'): string {
  const part = new RegExp(`Content-Type: ${type}[^\\r\\n]*\\r?\\n((?:[^\\r\\n]+\\r?\\n)*)\\r?\\n([\\s\\S]*?)\\r?\\n--`).exec(raw);
  if (!part) throw new Error(`no ${type} part`);
  const headers = part[1]!;
  const body = part[2]!;
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return body;
  return Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}

/** The Subject of a raw message, its RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) decoded. */
export function mailSubject(raw: string): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return folded
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
