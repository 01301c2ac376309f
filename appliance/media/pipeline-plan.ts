import { encoderNodes, type H264Encoder } from './encoder-choice.js';
import type { AudioSourceConfig, MediaSettings, VideoSourceConfig } from './media-config.js';
import { caps, el, ref, type ChainNode, type PipelineSpec } from './pipeline-spec.js';

/**
 * The room's pipelines, as data. Video: one decode, then a tee to the local display, a
 * JPEG preview (encoded only while someone watches: a valve in front of jpegenc), a tiny
 * grey copy for the frozen/black checks, and an inter-pipeline feed the recording pipeline
 * reads from — so starting and stopping a recording never touches the live picture, and
 * each branch encodes at most once. Audio runs in its own pipeline: a dead microphone must
 * not take the picture with it.
 *
 * Every sink is async=false: the preview sink sees no buffer while its valve is shut, and
 * an async sink waiting for its first buffer would hold the whole pipeline out of PLAYING.
 */
export const NAMES = {
  preview: 'preview',
  previewValve: 'preview_valve',
  analysis: 'analysis',
  level: 'mic_level',
  recorder: 'rec',
  videoChannel: 'roomctl_video',
  audioChannel: 'roomctl_audio',
} as const;

/** The grey frame the health checks compare: 32×18 is plenty to tell still from moving. */
const ANALYSIS = { width: 32, height: 18, fps: 4 } as const;

export type DisplaySink = 'autovideosink' | 'kmssink' | 'fakesink';

interface VideoPlanInput {
  video: MediaSettings['video'];
  preview: MediaSettings['preview'];
  /** The stream URI, for an RTSP source (from the config or the ONVIF camera's state). */
  rtspUri?: string;
  display: DisplaySink | null;
}

const leakyQueue = (buffers = 1) => el('queue', { leaky: 'downstream', 'max-size-buffers': buffers, 'max-size-time': 0, 'max-size-bytes': 0 });

function videoSource(source: VideoSourceConfig, video: MediaSettings['video'], rtspUri: string | undefined): ChainNode[] {
  const framerate = { num: video.framerate, den: 1 };
  switch (source.type) {
    case 'test':
      return [
        el('videotestsrc', { 'is-live': true, pattern: source.pattern ?? 'smpte', 'horizontal-speed': source.moving === false ? 0 : 2 }),
        caps('video/x-raw', { width: video.width, height: video.height, framerate }),
      ];
    case 'v4l2':
      return source.format === 'raw'
        ? [el('v4l2src', { device: source.device ?? '/dev/video0' }), caps('video/x-raw', { width: video.width, height: video.height, framerate })]
        : [
            el('v4l2src', { device: source.device ?? '/dev/video0' }),
            caps('image/jpeg', { width: video.width, height: video.height, framerate }),
            el('jpegdec'),
          ];
    case 'rtsp': {
      const uri = rtspUri ?? source.uri;
      if (!uri) throw new Error('an RTSP source needs a URI');
      const props: Record<string, string | number> = { location: uri, latency: source.latencyMs ?? 100, protocols: source.transport ?? 'tcp' };
      if (source.username) props['user-id'] = source.username;
      if (source.password) props['user-pw'] = source.password;
      const h265 = source.codec === 'h265';
      return [
        el('rtspsrc', props),
        el(h265 ? 'rtph265depay' : 'rtph264depay'),
        el(h265 ? 'h265parse' : 'h264parse'),
        el(h265 ? 'avdec_h265' : 'avdec_h264', { 'max-threads': 2 }),
      ];
    }
  }
}

export function videoPipeline(input: VideoPlanInput): PipelineSpec {
  const { video, preview } = input;
  const main: ChainNode[] = [
    ...videoSource(video.source, video, input.rtspUri),
    el('videoconvert'),
    el('videoscale'),
    el('videorate'),
    caps('video/x-raw', { format: 'I420', width: video.width, height: video.height, framerate: { num: video.framerate, den: 1 } }),
    el('tee', { 'allow-not-linked': true }, 'vt'),
  ];
  const chains: ChainNode[][] = [main];
  if (input.display) chains.push([ref('vt'), leakyQueue(2), el(input.display, { sync: false, async: false })]);
  chains.push([
    ref('vt'),
    leakyQueue(),
    el('valve', { drop: true }, NAMES.previewValve),
    el('videorate', { 'drop-only': true, 'max-rate': preview.framerate }),
    el('videoscale'),
    caps('video/x-raw', { width: preview.width, height: preview.height }),
    el('jpegenc', { quality: preview.quality }),
    el('appsink', { 'max-buffers': 1, drop: true, sync: false, async: false }, NAMES.preview),
  ]);
  chains.push([
    ref('vt'),
    leakyQueue(),
    el('videorate', { 'drop-only': true, 'max-rate': ANALYSIS.fps }),
    el('videoscale'),
    el('videoconvert'),
    caps('video/x-raw', { format: 'GRAY8', width: ANALYSIS.width, height: ANALYSIS.height }),
    el('appsink', { 'max-buffers': 1, drop: true, sync: false, async: false }, NAMES.analysis),
  ]);
  chains.push([ref('vt'), leakyQueue(2), el('intervideosink', { channel: NAMES.videoChannel, sync: false, async: false })]);
  return { chains };
}

function audioSource(source: AudioSourceConfig): ChainNode[] {
  if (source.type === 'test') return [el('audiotestsrc', { 'is-live': true, wave: source.wave ?? 'sine' })];
  return [el('pulsesrc', source.device ? { device: source.device } : {})];
}

/** Microphone: level metering every 200 ms, and a feed for the recording. */
export function audioPipeline(source: AudioSourceConfig): PipelineSpec {
  return {
    chains: [
      [
        ...audioSource(source),
        el('audioconvert'),
        el('audioresample'),
        caps('audio/x-raw', { rate: 48000, channels: 1 }),
        el('level', { interval: 200_000_000, 'post-messages': true }, NAMES.level),
        el('tee', { 'allow-not-linked': true }, 'at'),
      ],
      [ref('at'), el('queue'), el('fakesink', { sync: false, async: false })],
      [ref('at'), leakyQueue(20), el('interaudiosink', { channel: NAMES.audioChannel, sync: false, async: false })],
    ],
  };
}

interface RecordingPlanInput {
  video: MediaSettings['video'];
  recording: MediaSettings['recording'];
  encoder: H264Encoder;
  /** Absolute pattern, e.g. /var/lib/roomctl/recordings/rec-…/part-%05d.mp4 */
  location: string;
  withAudio: boolean;
  /** Index of the first file: a recording resumed after a host restart goes on numbering. */
  startIndex?: number;
}

/** Reads the live feeds and writes segmented files; one H.264 encode, one audio encode. */
export function recordingPipeline(input: RecordingPlanInput): PipelineSpec {
  const { video, recording } = input;
  const mp4 = recording.format === 'mp4';
  const chains: ChainNode[][] = [
    [
      el('intervideosrc', { channel: NAMES.videoChannel }),
      caps('video/x-raw', { format: 'I420', width: video.width, height: video.height, framerate: { num: video.framerate, den: 1 } }),
      el('queue'),
      ...encoderNodes(input.encoder, { bitrateKbps: recording.bitrateKbps, framerate: video.framerate }),
      el('h264parse', { 'config-interval': -1 }),
      el('queue'),
      el(
        'splitmuxsink',
        {
          location: input.location,
          'max-size-time': recording.segmentSeconds * 1_000_000_000,
          muxer: mp4 ? 'mp4mux' : 'matroskamux',
          'send-keyframe-requests': true,
          'start-index': input.startIndex ?? 0,
        },
        NAMES.recorder,
      ),
    ],
  ];
  if (input.withAudio) {
    chains.push([
      el('interaudiosrc', { channel: NAMES.audioChannel }),
      el('audioconvert'),
      el('audioresample'),
      el('queue'),
      mp4 ? el('avenc_aac', { bitrate: 96_000 }) : el('opusenc', { bitrate: 64_000 }),
      ref(NAMES.recorder, 'audio_%u'),
    ]);
  }
  return { chains };
}
