/**
 * media: what the media pipeline costs and how fast it comes back.
 *  - latency: source → sink per buffer, from GStreamer's own latency tracer, for the local
 *    display (fakesink here: no screen), the JPEG preview and the recording's file sink;
 *  - CPU per stream: media host CPU time / wall time for a 720p30 test source that is
 *    displayed, previewed (640×360 JPEG, 10 fps) and recorded (H.264 with the chosen
 *    encoder, segmented MP4) — against a reference run of the same source with no
 *    preview and no recording, measured in the same run;
 *  - recovery: an RTSP camera (gst-rtsp-server) killed and started again on the same port;
 *    time from the camera being back to frames flowing, and from the drop to "recovering".
 * CPU-heavy phases are a few seconds each: the machine is shared.
 */
import { SMALL_VIDEO, startTestMedia, waitForSummary, type TestMedia } from '../helpers/media-service.js';
import { startRtspTestServer } from '../helpers/rtsp-test-server.js';
import { waitFor } from '../helpers/test-room.js';
import type { Benchmark } from './bench-types.js';
import { parseLatencyTrace, processCpuSeconds } from './gst-latency-trace.js';
import { round, summarize } from './stats.js';

const HD = { width: 1280, height: 720, framerate: 30 } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hdRoom(hostEnv?: Record<string, string>): Promise<TestMedia> {
  const room = await startTestMedia(
    {
      video: { source: { type: 'test' }, ...HD },
      preview: { width: 640, height: 360, framerate: 10, quality: 70 },
      recording: { allowed: true, format: 'mp4', segmentSeconds: 60, bitrateKbps: 2500 },
    },
    { hostEnv },
  );
  await waitForSummary(room.media, 'live', 20_000);
  return room;
}

/** CPU share of one core used by the media host over `seconds`, after `warmupMs`. */
async function cpuShare(room: TestMedia, seconds: number, warmupMs = 1000): Promise<number> {
  await sleep(warmupMs);
  const pid = room.media.status().host.pid!;
  const cpu0 = await processCpuSeconds(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = (await processCpuSeconds(pid)) - cpu0;
  return cpu / ((performance.now() - t0) / 1000);
}

async function recoveries(count: number): Promise<{ back: number[]; detect: number[] }> {
  const camera0 = { width: SMALL_VIDEO.width, height: SMALL_VIDEO.height, fps: SMALL_VIDEO.framerate };
  let camera = await startRtspTestServer(camera0);
  const room = await startTestMedia({ video: { source: { type: 'rtsp', uri: camera.uri, latencyMs: 50 }, ...SMALL_VIDEO } });
  const back: number[] = [];
  const detect: number[] = [];
  try {
    await waitForSummary(room.media, 'live', 20_000);
    for (let i = 0; i < count; i++) {
      const dropped = performance.now();
      await camera.kill();
      await waitFor(() => room.media.status().summary === 'recovering', 10_000, 'recovering');
      detect.push(performance.now() - dropped);
      camera = await startRtspTestServer({ ...camera0, port: camera.port });
      const returned = performance.now();
      await waitFor(() => room.media.status().summary === 'live', 20_000, 'live again');
      back.push(performance.now() - returned);
      await sleep(500);
    }
  } finally {
    await room.close();
    await camera.close();
  }
  return { back, detect };
}

const bench: Benchmark = {
  name: 'media',
  async run({ quick }) {
    const seconds = quick ? 3 : 6;

    // Reference: the same 720p30 source, displayed and analysed, no preview, no recording.
    let room = await hdRoom();
    const referenceCpu = await cpuShare(room, seconds);
    await room.close();

    // The full load: display + preview viewer + recording.
    room = await hdRoom();
    const unsubscribe = room.media.subscribePreview(() => undefined);
    await room.media.startRecording();
    const parent0 = process.cpuUsage();
    const parentT0 = performance.now();
    const fullCpu = await cpuShare(room, seconds, 1500);
    const parentUsage = process.cpuUsage(parent0);
    const parentCpu = (parentUsage.user + parentUsage.system) / 1e6 / ((performance.now() - parentT0) / 1000);
    const encoder = room.media.status().encoder ?? 'unknown';
    await room.media.stopRecording();
    unsubscribe();
    await room.close();

    // Latency, from the tracer (its own cost kept out of the CPU figures above).
    let log = '';
    room = await hdRoom({ GST_TRACERS: 'latency(flags=pipeline+element)', GST_DEBUG: 'GST_TRACER:7', GST_DEBUG_NO_COLOR: '1' });
    room.media.mediaHost.on('stderr', (chunk: string) => (log += chunk));
    const stopPreview = room.media.subscribePreview(() => undefined);
    await room.media.startRecording();
    await sleep(quick ? 2000 : 4000);
    await room.media.stopRecording();
    stopPreview();
    await room.close();
    const trace = parseLatencyTrace(log);
    const sink = (pattern: RegExp) => summarize([...trace.bySink].filter(([name]) => pattern.test(name)).flatMap(([, ms]) => ms));
    const display = sink(/^fakesink/);
    const preview = sink(/^preview$/);
    const record = sink(/^sink$|filesink|^sink_/);
    const encode = summarize([...trace.byElement].filter(([name]) => /264enc/.test(name)).flatMap(([, ms]) => ms));

    const rec = await recoveries(quick ? 2 : 4);
    const back = summarize(rec.back);
    const detect = summarize(rec.detect);

    return {
      name: 'media',
      figures: {
        displayLatencyP50Ms: round(display.p50),
        displayLatencyP99Ms: round(display.p99),
        previewLatencyP50Ms: round(preview.p50),
        previewLatencyP99Ms: round(preview.p99),
        recordLatencyP50Ms: round(record.p50),
        recordLatencyP99Ms: round(record.p99),
        encoderLatencyP50Ms: round(encode.p50),
        latencySamples: display.n + preview.n + record.n,
        cpu720p30FullCores: round(fullCpu),
        cpu720p30ReferenceCores: round(referenceCpu),
        cpuFullOverReference: round(fullCpu / referenceCpu),
        applianceCpuDuringFullCores: round(parentCpu),
        recoveryP50Ms: round(back.p50, 0),
        recoveryMaxMs: round(back.max, 0),
        dropDetectedP50Ms: round(detect.p50, 0),
        recoveries: back.n,
      },
      units: {
        displayLatencyP50Ms: 'ms',
        displayLatencyP99Ms: 'ms',
        previewLatencyP50Ms: 'ms',
        previewLatencyP99Ms: 'ms',
        recordLatencyP50Ms: 'ms',
        recordLatencyP99Ms: 'ms',
        encoderLatencyP50Ms: 'ms',
        latencySamples: 'buffers',
        cpu720p30FullCores: 'cores',
        cpu720p30ReferenceCores: 'cores',
        cpuFullOverReference: '×',
        applianceCpuDuringFullCores: 'cores',
        recoveryP50Ms: 'ms',
        recoveryMaxMs: 'ms',
        dropDetectedP50Ms: 'ms',
        recoveries: 'drops',
      },
      targets: { displayLatencyP99Ms: { max: 100 }, previewLatencyP99Ms: { max: 100 }, recoveryMaxMs: { max: 3000 } },
      notes: `encoder ${encoder}; full = 720p30 test source + display (fakesink) + 640x360@10 JPEG preview + H.264 2.5 Mb/s MP4 recording; reference = same source, display + analysis only; appliance CPU = this (parent) process meanwhile, mostly preview frames over IPC. Record latency is splitmuxsink holding a GOP to choose its split points, not delay anyone sees. A killed camera is noticed by the stall watchdog (2 s without frames): rtspsrc posts no error when the TCP peer just vanishes. Recovery: RTSP camera 320x180@15 (1 s GOP) killed and restarted on its port; "back" counts from the camera listening again to the first analysed frame.`,
    };
  },
};

export default bench;
