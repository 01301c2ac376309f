/**
 * The media host: a child process of the appliance that owns every GStreamer pipeline.
 * Whatever GStreamer does here — an abort in a plugin, a deadlock, a leak — costs this
 * process, never the room; the appliance's MediaHostSupervisor restarts it.
 * Started with child_process.fork (IPC, 'advanced' serialization); nothing to run by hand.
 */
import { isAppSink, loadGstreamer, parseNumberList, type GstPipelineHandle } from './gst-binding.js';
import { RECYCLE_EXIT_CODE, type FromHost, type PipelineTiming, type ToHost } from './media-ipc.js';
import { NAMES } from './pipeline-plan.js';
import { PipelineKeeper } from './pipeline-keeper.js';
import { Recorder } from './recorder.js';
import { compareGrayFrames } from './signal-health.js';

/** gstreamer-superficial never frees a pipeline: past these, the host restarts itself clean. */
const RECYCLE_AFTER_REBUILDS = Number(process.env.ROOMCTL_MEDIA_RECYCLE_REBUILDS ?? 40);
const RECYCLE_ABOVE_RSS_MB = Number(process.env.ROOMCTL_MEDIA_RECYCLE_RSS_MB ?? 600);

const DEFAULT_TIMING: PipelineTiming = { stallMs: 2000, startTimeoutMs: 10_000, retryInitialMs: 200, retryMaxMs: 1000 };

function send(message: FromHost): void {
  if (process.connected) process.send?.(message);
}

const log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => send({ type: 'log', level, msg, data });

// Recordings and pictures GStreamer writes here are for the service user alone (0600 files,
// 0700 folders), whatever umask the appliance was started with.
process.umask(0o077);

const gst = loadGstreamer();
let previewOn = false;
let previewValve: { drop?: unknown } | undefined;
let shuttingDown = false;

function pullLoop(pipeline: GstPipelineHandle, name: string, current: () => boolean, onBuffer: (buffer: Buffer) => void): void {
  const sink = pipeline.findChild(name);
  if (!isAppSink(sink)) return;
  const next = (): void =>
    sink.pull((buffer) => {
      if (!current()) return;
      // No sample: the sink is still starting or flushing; EOS and errors come by the bus.
      if (!buffer) {
        setTimeout(next, 50);
        return;
      }
      onBuffer(buffer);
      next();
    });
  next();
}

function maybeRecycle(): void {
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  const rebuilds = video.rebuilds + audio.rebuilds;
  if (rebuilds < RECYCLE_AFTER_REBUILDS && rssMB < RECYCLE_ABOVE_RSS_MB) return;
  // A recording in progress is worth more than the memory: wait for it to stop.
  if (recorder.recordingId) return;
  log('info', 'recycling the media host', { rebuilds, rssMB: Math.round(rssMB) });
  void shutdown(RECYCLE_EXIT_CODE);
}

const video = new PipelineKeeper('video', gst, DEFAULT_TIMING, {
  attach(pipeline, alive, current) {
    previewValve = pipeline.findChild(NAMES.previewValve);
    if (previewValve) previewValve.drop = !previewOn;
    let previous: Uint8Array | null = null;
    pullLoop(pipeline, NAMES.analysis, current, (frame) => {
      alive();
      const stats = compareGrayFrames(frame, previous);
      previous = Uint8Array.from(frame);
      send({ type: 'frame', luma: stats.luma, diff: stats.diff });
    });
    pullLoop(pipeline, NAMES.preview, current, (jpeg) => {
      if (previewOn) send({ type: 'preview', jpeg });
    });
  },
  state: (state, detail, rebuilds) => send({ type: 'pipeline', role: 'video', state, detail, rebuilds }),
  tornDown: () => maybeRecycle(),
});

const audio = new PipelineKeeper('audio', gst, DEFAULT_TIMING, {
  attach() {},
  message(message, alive) {
    if (message.name !== 'level') return;
    alive();
    const rms = parseNumberList(message.rms);
    const peak = parseNumberList(message.peak);
    if (rms.length > 0) send({ type: 'level', rmsDb: Math.max(...rms), peakDb: peak.length > 0 ? Math.max(...peak) : Math.max(...rms) });
  },
  state: (state, detail, rebuilds) => send({ type: 'pipeline', role: 'audio', state, detail, rebuilds }),
  tornDown: () => maybeRecycle(),
});

const recorder = new Recorder(gst, send);

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const recordingId = recorder.recordingId;
  if (recordingId) await recorder.stop(recordingId);
  video.stop();
  audio.stop();
  clearInterval(heartbeat);
  process.exit(code);
}

process.on('message', (raw) => {
  const message = raw as ToHost;
  try {
    switch (message.type) {
      case 'configure':
        video.configure(message.video, message.timing);
        audio.configure(message.audio, message.timing);
        break;
      case 'preview':
        previewOn = message.on;
        if (previewValve) previewValve.drop = !previewOn;
        break;
      case 'record.start':
        recorder.start(message.recordingId, message.spec);
        break;
      case 'record.stop':
        void recorder.stop(message.recordingId);
        break;
      case 'shutdown':
        void shutdown(0);
        break;
    }
  } catch (err) {
    log('error', `media host could not handle ${message.type}`, { err: (err as Error).message });
  }
});
// The appliance went away (or closed the channel): finish the files and leave.
process.on('disconnect', () => void shutdown(0));

const heartbeat = setInterval(
  () => send({ type: 'heartbeat', rssMB: Math.round(process.memoryUsage().rss / 2 ** 20), rebuilds: video.rebuilds + audio.rebuilds }),
  1000,
);
send({ type: 'ready', pid: process.pid });
