import { Type, type Static } from '@sinclair/typebox';
import { RoomctlError } from '../../drivers/core/errors.js';

/**
 * `media:` — the room's camera-to-display pipeline, its recordings and its signal health.
 * Every value here ends up, validated again, in a GStreamer pipeline description
 * (pipeline-plan.ts → launch-render.ts); the patterns below are the first gate, not the only one.
 */

const int = (minimum: number, maximum: number, def: number, description: string) =>
  Type.Optional(Type.Integer({ minimum, maximum, default: def, description }));

/**
 * One object for every kind of source (not a union): a union can only say "not one of the
 * allowed values", while one object names the exact bad field — `media.video.source.uri`.
 * Which fields a type needs is checked by `mediaSettings` below.
 */
const VideoSource = Type.Object(
  {
    type: Type.Union([Type.Literal('test'), Type.Literal('v4l2'), Type.Literal('rtsp')], {
      description: 'test: a test picture; v4l2: a USB camera; rtsp: an IP camera',
    }),
    // test
    pattern: Type.Optional(
      Type.Union(
        ['ball', 'smpte', 'black', 'snow', 'gamut', 'pinwheel'].map((p) => Type.Literal(p)),
        { default: 'smpte', description: 'test: videotestsrc pattern' },
      ),
    ),
    moving: Type.Optional(Type.Boolean({ default: true, description: 'test: scroll the pattern (a still pattern reads as a frozen picture)' })),
    // v4l2
    device: Type.Optional(
      Type.String({
        pattern: '^/dev/(video[0-9]{1,3}|v4l/by-(id|path)/[A-Za-z0-9._:-]{1,200})$',
        description: 'v4l2: the camera device node, e.g. /dev/video0',
      }),
    ),
    format: Type.Optional(
      Type.Union([Type.Literal('mjpeg'), Type.Literal('raw')], { default: 'mjpeg', description: 'v4l2: MJPEG (most USB cameras above 480p) or raw' }),
    ),
    // rtsp
    uri: Type.Optional(Type.String({ pattern: '^rtsps?://[^\\s"\'\\\\!]+$', maxLength: 1024, description: 'rtsp: the stream URI; or give `camera`' })),
    camera: Type.Optional(
      Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'rtsp: id of the ONVIF camera whose state.streamUri is the stream' }),
    ),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'rtsp: user (kept out of the URI)' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'rtsp: password (put it in the secrets file)' })),
    codec: Type.Optional(Type.Union([Type.Literal('h264'), Type.Literal('h265')], { default: 'h264' })),
    transport: Type.Optional(
      Type.Union([Type.Literal('tcp'), Type.Literal('udp')], {
        default: 'tcp',
        description: 'rtsp: tcp notices a dropped camera at once; udp waits for a timeout',
      }),
    ),
    latencyMs: int(0, 2000, 100, 'rtsp: jitter buffer (ms): lower is snappier, higher survives a busy network'),
  },
  { additionalProperties: false },
);

const TestAudioSource = Type.Object(
  {
    type: Type.Literal('test'),
    wave: Type.Optional(
      Type.Union(
        ['sine', 'silence', 'ticks', 'pink-noise'].map((w) => Type.Literal(w)),
        { default: 'sine' },
      ),
    ),
  },
  { additionalProperties: false },
);

const PulseAudioSource = Type.Object(
  {
    type: Type.Literal('pulse'),
    device: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,200}$', description: 'PulseAudio/PipeWire source name; default: the default source' })),
  },
  { additionalProperties: false },
);

export const MediaSection = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ default: true })),
    start: Type.Optional(
      Type.Union([Type.Literal('always'), Type.Literal('on-demand')], {
        default: 'always',
        description: 'always: the pipeline runs with the room; on-demand: it starts for a preview viewer or a recording and stops when idle',
      }),
    ),
    video: Type.Object(
      {
        source: VideoSource,
        camera: Type.Optional(
          Type.String({
            pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
            description:
              'Id of the camera device this picture shows: a camera that cannot take a still itself gets its preset stills from it (default: source.camera of an rtsp source)',
          }),
        ),
        width: int(160, 3840, 1280, 'Width the room works at (display, recording)'),
        height: int(90, 2160, 720, 'Height the room works at'),
        framerate: int(1, 60, 30, 'Frames per second'),
      },
      { additionalProperties: false },
    ),
    audio: Type.Optional(Type.Union([TestAudioSource, PulseAudioSource], { description: 'Microphone feed for level metering (and the recording)' })),
    display: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Literal('kms'), Type.Literal('none')], {
        default: 'none',
        description: 'Local display: auto (autovideosink), kms (kmssink, no desktop), none',
      }),
    ),
    encoder: Type.Optional(
      Type.Union(
        ['auto', 'vaapi', 'v4l2', 'x264'].map((e) => Type.Literal(e)),
        { default: 'auto', description: 'H.264 encoder; auto prefers hardware (vaapi, v4l2 m2m) and falls back to x264' },
      ),
    ),
    preview: Type.Optional(
      Type.Object(
        {
          width: int(160, 1920, 640, 'Preview width'),
          height: int(90, 1080, 360, 'Preview height'),
          framerate: int(1, 30, 10, 'Preview frames per second'),
          quality: int(10, 95, 70, 'JPEG quality'),
        },
        { additionalProperties: false },
      ),
    ),
    recording: Type.Optional(
      Type.Object(
        {
          allowed: Type.Optional(Type.Boolean({ default: false, description: 'Whether this room may record at all (privacy: off unless set)' })),
          withMeetings: Type.Optional(Type.Boolean({ default: true, description: 'Record each meeting from its start to its end (when allowed)' })),
          format: Type.Optional(
            Type.Union([Type.Literal('mp4'), Type.Literal('mkv')], {
              default: 'mp4',
              description: 'mkv keeps every segment playable after a crash; mp4 plays everywhere',
            }),
          ),
          segmentSeconds: int(5, 3600, 300, 'Length of each file'),
          bitrateKbps: int(128, 20000, 2500, 'Video bitrate'),
          retentionDays: int(1, 3650, 30, 'Recordings older than this are deleted'),
          maxTotalMB: int(100, 10_000_000, 50_000, 'Oldest recordings are deleted beyond this much disk'),
        },
        { additionalProperties: false },
      ),
    ),
    health: Type.Optional(
      Type.Object(
        {
          silenceDb: Type.Optional(Type.Number({ minimum: -120, maximum: 0, default: -60, description: 'RMS below this (dBFS) counts as silence' })),
          silentMeetingMinutes: int(1, 600, 10, 'A meeting silent this long since its start marks the microphone degraded'),
          frozenSeconds: int(1, 600, 5, 'Identical frames for this long: video frozen'),
          blackSeconds: int(1, 600, 5, 'A black picture for this long: video black'),
          blackLuma: int(0, 255, 24, 'Mean luma (0–255) below this counts as black (video black is 16)'),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type MediaConfig = Static<typeof MediaSection>;
export type VideoSourceConfig = Static<typeof VideoSource>;
export type AudioSourceConfig = NonNullable<Static<typeof MediaSection>['audio']>;

/** The media config with every default filled in. */
export interface MediaSettings {
  start: 'always' | 'on-demand';
  /** `camera`: the camera device the picture shows, or null when the config does not say. */
  video: { source: VideoSourceConfig; camera: string | null; width: number; height: number; framerate: number };
  audio: AudioSourceConfig | null;
  display: 'auto' | 'kms' | 'none';
  encoder: 'auto' | 'vaapi' | 'v4l2' | 'x264';
  preview: { width: number; height: number; framerate: number; quality: number };
  recording: {
    allowed: boolean;
    withMeetings: boolean;
    format: 'mp4' | 'mkv';
    segmentSeconds: number;
    bitrateKbps: number;
    retentionDays: number;
    maxTotalMB: number;
  };
  health: { silenceDb: number; silentMeetingMinutes: number; frozenSeconds: number; blackSeconds: number; blackLuma: number };
}

/** Fields each source type needs, beyond what the schema can say. */
function sourceProblem(source: VideoSourceConfig): string | null {
  if (source.type === 'v4l2' && !source.device) return 'a v4l2 source needs `device` (e.g. /dev/video0)';
  if (source.type === 'rtsp' && !source.uri === !source.camera) return 'an rtsp source needs exactly one of `uri` and `camera`';
  return null;
}

/** The media config with defaults filled in; throws ROOMCTL_E_CONFIG_INVALID for a source missing its fields. */
export function mediaSettings(config: MediaConfig): MediaSettings {
  const problem = sourceProblem(config.video.source);
  if (problem)
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `media.video.source: ${problem}`, { issues: [{ path: 'media.video.source', message: problem }] });
  const r = config.recording ?? {};
  const h = config.health ?? {};
  const p = config.preview ?? {};
  return {
    start: config.start ?? 'always',
    video: {
      source: config.video.source,
      camera: config.video.camera ?? (config.video.source.type === 'rtsp' ? (config.video.source.camera ?? null) : null),
      width: config.video.width ?? 1280,
      height: config.video.height ?? 720,
      framerate: config.video.framerate ?? 30,
    },
    audio: config.audio ?? null,
    display: config.display ?? 'none',
    encoder: (config.encoder ?? 'auto') as MediaSettings['encoder'],
    preview: { width: p.width ?? 640, height: p.height ?? 360, framerate: p.framerate ?? 10, quality: p.quality ?? 70 },
    recording: {
      allowed: r.allowed ?? false,
      withMeetings: r.withMeetings ?? true,
      format: r.format ?? 'mp4',
      segmentSeconds: r.segmentSeconds ?? 300,
      bitrateKbps: r.bitrateKbps ?? 2500,
      retentionDays: r.retentionDays ?? 30,
      maxTotalMB: r.maxTotalMB ?? 50_000,
    },
    health: {
      silenceDb: h.silenceDb ?? -60,
      silentMeetingMinutes: h.silentMeetingMinutes ?? 10,
      frozenSeconds: h.frozenSeconds ?? 5,
      blackSeconds: h.blackSeconds ?? 5,
      blackLuma: h.blackLuma ?? 24,
    },
  };
}
