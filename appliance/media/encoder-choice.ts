import { execFile } from 'node:child_process';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { MediaSettings } from './media-config.js';
import { el, type ChainNode } from './pipeline-spec.js';

/**
 * H.264 encoders in order of preference: the mini-PC's GPU (VA-API on Intel/AMD), a V4L2
 * memory-to-memory encoder (ARM boards), then x264 in software (Debian's
 * gstreamer1.0-plugins-ugly), then openh264 as a last resort.
 */
export const H264_ENCODERS = ['vaapih264enc', 'v4l2h264enc', 'x264enc', 'openh264enc'] as const;
export type H264Encoder = (typeof H264_ENCODERS)[number];

const PREFERENCE: Record<MediaSettings['encoder'], readonly H264Encoder[]> = {
  auto: H264_ENCODERS,
  vaapi: ['vaapih264enc'],
  v4l2: ['v4l2h264enc'],
  x264: ['x264enc'],
};

/** Which of `names` this machine's GStreamer has, by `gst-inspect-1.0 --exists`. */
export async function probeElements(names: readonly string[], inspect = 'gst-inspect-1.0'): Promise<Set<string>> {
  const found = await Promise.all(
    names.map(
      (name) =>
        new Promise<string | null>((resolve) => {
          execFile(inspect, ['--exists', name], { timeout: 10_000 }, (err) => resolve(err ? null : name));
        }),
    ),
  );
  return new Set(found.filter((n): n is string => n !== null));
}

function chooseEncoder(preference: MediaSettings['encoder'], available: ReadonlySet<string>): H264Encoder | null {
  return PREFERENCE[preference].find((e) => available.has(e)) ?? null;
}

/** The encoder with settings for a live room: constant bitrate, a keyframe every 2 s, no B-frames. */
export function encoderNodes(encoder: H264Encoder, options: { bitrateKbps: number; framerate: number }): ChainNode[] {
  const gop = Math.max(1, options.framerate * 2);
  switch (encoder) {
    case 'vaapih264enc':
      return [el('vaapih264enc', { bitrate: options.bitrateKbps, 'keyframe-period': gop, 'rate-control': 'cbr' })];
    case 'v4l2h264enc':
      return [el('v4l2h264enc')];
    case 'x264enc':
      // Two threads at most: the machine is shared with the room's own work.
      return [el('x264enc', { tune: 'zerolatency', 'speed-preset': 'ultrafast', bitrate: options.bitrateKbps, 'key-int-max': gop, bframes: 0, threads: 2 })];
    case 'openh264enc':
      return [el('openh264enc', { bitrate: options.bitrateKbps * 1000, 'gop-size': gop })];
  }
}

/** Probes once (three short gst-inspect runs), on first use: the demo never pays for it. */
export class EncoderChooser {
  private choice: Promise<H264Encoder> | undefined;
  chosen: H264Encoder | null = null;

  constructor(private readonly preference: MediaSettings['encoder']) {}

  choose(): Promise<H264Encoder> {
    this.choice ??= probeElements(H264_ENCODERS).then((found) => {
      const encoder = chooseEncoder(this.preference, found);
      if (!encoder)
        throw new RoomctlError(
          'ROOMCTL_E_DEPENDENCY_MISSING',
          `No H.264 encoder for media.encoder=${this.preference} (x264enc is in gstreamer1.0-plugins-ugly)`,
        );
      this.chosen = encoder;
      return encoder;
    });
    // A failed probe is tried again next time (the package may have been installed since).
    this.choice.catch(() => (this.choice = undefined));
    return this.choice;
  }
}
