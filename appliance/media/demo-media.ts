import type { MediaConfig } from './media-config.js';

/**
 * The demo room's media: a small scrolling test picture and a test tone, started on demand
 * (a preview viewer or a recording) and stopped 30 s after the last one. At idle the demo
 * pays nothing for it — no media host process, no GStreamer in the appliance — which keeps
 * the demo inside its start-time and memory budget. Recording is allowed (to try the API)
 * but not tied to meetings, so a demo left running does not fill the disk.
 */
export const DEMO_MEDIA: MediaConfig = {
  start: 'on-demand',
  video: { source: { type: 'test', pattern: 'smpte', moving: true }, width: 640, height: 360, framerate: 15 },
  audio: { type: 'test', wave: 'sine' },
  display: 'none',
  preview: { width: 640, height: 360, framerate: 10, quality: 70 },
  recording: { allowed: true, withMeetings: false, format: 'mp4', segmentSeconds: 60, bitrateKbps: 1000, retentionDays: 1, maxTotalMB: 500 },
};
