import { beforeAll, describe, expect, it } from 'vitest';
import { H264_ENCODERS, probeElements, type H264Encoder } from './encoder-choice.js';
import { loadGstreamer } from './gst-binding.js';
import { renderLaunch } from './launch-render.js';
import { mediaSettings, type VideoSourceConfig } from './media-config.js';
import { audioPipeline, recordingPipeline, videoPipeline } from './pipeline-plan.js';
import type { PipelineSpec } from './pipeline-spec.js';

/**
 * Every pipeline the plans can produce is built by the real gst_parse_launch: the catalog's
 * property names and value words must be ones the installed elements accept. (Built, not
 * played: no camera or sound server is needed.)
 */
const gst = loadGstreamer();
let encoders: Set<string>;

beforeAll(async () => {
  encoders = await probeElements(H264_ENCODERS);
});

function builds(spec: PipelineSpec): void {
  const launch = renderLaunch(spec);
  expect(() => new gst.Pipeline(launch), launch).not.toThrow();
}

const settings = mediaSettings({ video: { source: { type: 'test' } } });
const sources: VideoSourceConfig[] = [
  { type: 'test', pattern: 'smpte', moving: true },
  { type: 'v4l2', device: '/dev/video0', format: 'mjpeg' },
  { type: 'v4l2', device: '/dev/v4l/by-id/usb-Logitech_Webcam_C930e-video-index0', format: 'raw' },
  {
    type: 'rtsp',
    uri: 'rtsp://10.0.0.21:554/Streaming/Channels/101?transportmode=unicast',
    username: 'viewer',
    password: 'p@ss "word" \\ ! x',
    transport: 'tcp',
  },
  { type: 'rtsp', uri: 'rtsps://cam.example/h265', codec: 'h265', transport: 'udp' },
];

describe('the planned pipelines build', () => {
  it.each(sources.map((s) => [`${s.type} ${s.format ?? s.codec ?? ''}`, s] as const))('video from %s', (_name, source) => {
    builds(videoPipeline({ video: { ...settings.video, source }, preview: settings.preview, rtspUri: source.uri, display: 'fakesink' }));
  });

  it('video without a display', () => {
    builds(videoPipeline({ video: settings.video, preview: settings.preview, display: null }));
  });

  it.each([[{ type: 'test', wave: 'silence' }], [{ type: 'pulse', device: 'alsa_input.usb-Shure_MV5-00.analog-stereo' }]] as const)(
    'audio from %j',
    (source) => {
      builds(audioPipeline(source));
    },
  );

  it('recordings with every installed encoder, both formats, with and without sound', () => {
    const installed = H264_ENCODERS.filter((e) => encoders.has(e));
    expect(installed).toContain('x264enc');
    for (const encoder of installed as H264Encoder[]) {
      for (const format of ['mp4', 'mkv'] as const) {
        for (const withAudio of [true, false]) {
          builds(
            recordingPipeline({
              video: settings.video,
              recording: { ...settings.recording, format },
              encoder,
              location: `/var/lib/roomctl/recordings/rec-1/part-%05d.${format}`,
              withAudio,
              startIndex: 3,
            }),
          );
        }
      }
    }
  });
});
