import type { ValueCheck } from './media-values.js';

/**
 * The elements and properties a pipeline may use. Anything not listed is refused: the
 * catalog is the whitelist that keeps a pipeline description to the shapes we planned,
 * whatever a config or a device hands us. String properties name the check their value
 * must pass (media-values.ts) before it is quoted.
 */
export type PropertyKind =
  | { type: 'bool' }
  | { type: 'int'; min: number; max: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'string'; check: ValueCheck }
  /** An element-typed property set by factory name (splitmuxsink's muxer). */
  | { type: 'factory'; values: readonly string[] };

type Props = Record<string, PropertyKind>;

const bool: PropertyKind = { type: 'bool' };
const int = (min: number, max: number): PropertyKind => ({ type: 'int', min, max });
const oneOf = (...values: string[]): PropertyKind => ({ type: 'enum', values });
const str = (check: ValueCheck): PropertyKind => ({ type: 'string', check });

const NS_HOUR = 3_600_000_000_000;
const sinkProps: Props = { sync: bool, async: bool };
const interProps: Props = { channel: str('identifier') };

export const ELEMENT_CATALOG: Readonly<Record<string, Props>> = {
  // sources
  videotestsrc: {
    'is-live': bool,
    pattern: oneOf('ball', 'smpte', 'black', 'snow', 'gamut', 'pinwheel'),
    'num-buffers': int(-1, 1_000_000),
    'horizontal-speed': int(-100, 100),
  },
  audiotestsrc: { 'is-live': bool, wave: oneOf('sine', 'silence', 'ticks', 'pink-noise'), 'num-buffers': int(-1, 1_000_000), samplesperbuffer: int(1, 48000) },
  v4l2src: { device: str('device-path'), 'do-timestamp': bool },
  rtspsrc: {
    location: str('rtsp-uri'),
    latency: int(0, 10_000),
    protocols: oneOf('tcp', 'udp'),
    'user-id': str('credential'),
    'user-pw': str('credential'),
    'tcp-timeout': int(0, 60_000_000),
    timeout: int(0, 60_000_000),
    'drop-on-latency': bool,
  },
  pulsesrc: { device: str('pulse-device'), 'do-timestamp': bool },
  intervideosrc: { ...interProps, timeout: int(0, 60_000_000_000) },
  interaudiosrc: interProps,
  // depayload, parse, decode
  rtph264depay: {},
  rtph265depay: {},
  h264parse: { 'config-interval': int(-1, 3600) },
  h265parse: { 'config-interval': int(-1, 3600) },
  avdec_h264: { 'max-threads': int(0, 16) },
  avdec_h265: { 'max-threads': int(0, 16) },
  jpegdec: {},
  // plumbing
  queue: {
    'max-size-buffers': int(0, 10_000),
    'max-size-time': int(0, NS_HOUR),
    'max-size-bytes': int(0, 1_000_000_000),
    leaky: oneOf('no', 'upstream', 'downstream'),
  },
  tee: { 'allow-not-linked': bool },
  valve: { drop: bool },
  videoconvert: {},
  videoscale: {},
  videorate: { 'drop-only': bool, 'max-rate': int(1, 1000) },
  audioconvert: {},
  audioresample: {},
  level: { interval: int(10_000_000, 10_000_000_000), 'post-messages': bool },
  // encoders
  jpegenc: { quality: int(1, 100) },
  x264enc: {
    tune: oneOf('zerolatency', 'fastdecode', 'stillimage'),
    'speed-preset': oneOf('ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'),
    bitrate: int(64, 100_000),
    'key-int-max': int(1, 1000),
    threads: int(0, 16),
    bframes: int(0, 4),
  },
  vaapih264enc: { bitrate: int(64, 100_000), 'keyframe-period': int(1, 1000), 'rate-control': oneOf('cbr', 'vbr') },
  v4l2h264enc: {},
  openh264enc: { bitrate: int(64_000, 100_000_000), 'gop-size': int(1, 1000) },
  avenc_aac: { bitrate: int(16_000, 512_000) },
  opusenc: { bitrate: int(6_000, 512_000) },
  // sinks
  appsink: { ...sinkProps, 'max-buffers': int(0, 1000), drop: bool, 'emit-signals': bool },
  fakesink: { ...sinkProps, silent: bool },
  autovideosink: sinkProps,
  kmssink: sinkProps,
  intervideosink: { ...sinkProps, ...interProps },
  interaudiosink: { ...sinkProps, ...interProps },
  splitmuxsink: {
    location: str('recording-location'),
    'max-size-time': int(0, 24 * NS_HOUR),
    muxer: { type: 'factory', values: ['mp4mux', 'matroskamux'] },
    'send-keyframe-requests': bool,
    'start-index': int(0, 99_999),
  },
};
