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
