import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./rtsp-test-server.py', import.meta.url));
/** Debian's python: it has python3-gi and GstRtspServer; a pyenv python on PATH does not. */
const PYTHON = '/usr/bin/python3';

export interface RtspTestServer {
  port: number;
  uri: string;
  /** SIGKILL: the camera vanishes without a goodbye, as a power cut would. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real RTSP server (gst-rtsp-server) with a moving H.264 test pattern on loopback.
 * `port: 0` picks a free port; pass the same port again to bring a killed camera back.
 */
export async function startRtspTestServer(
  options: { port?: number; width?: number; height?: number; fps?: number; mount?: string } = {},
): Promise<RtspTestServer> {
  const mount = options.mount ?? '/test';
  const args = [SCRIPT, String(options.port ?? 0), String(options.width ?? 320), String(options.height ?? 180), String(options.fps ?? 15), mount];
  const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`RTSP test server did not start in 10 s: ${stderr}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      } else if (out.includes('FAILED')) {
        clearTimeout(timer);
        reject(new Error(`RTSP test server could not listen: ${out} ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`RTSP test server exited (${code}): ${stderr}`));
    });
  });
  const stop = (signal: NodeJS.Signals) => stopChild(child, signal);
  return { port, uri: `rtsp://127.0.0.1:${port}${mount}`, kill: () => stop('SIGKILL'), close: () => stop('SIGTERM') };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
