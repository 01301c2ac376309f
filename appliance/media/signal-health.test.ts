import { describe, expect, it } from 'vitest';
import { compareGrayFrames, MicLivenessMonitor, VideoSignalMonitor } from './signal-health.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('VideoSignalMonitor', () => {
  const rules = { frozenSeconds: 5, blackSeconds: 5, blackLuma: 24 };

  it('calls a picture that stops changing frozen after the rule time, and live again when it moves', () => {
    const t = clock();
    const video = new VideoSignalMonitor(rules, t.now);
    video.frame({ luma: 120, diff: null });
    for (let i = 0; i < 16; i++) {
      t.advance(250);
      video.frame({ luma: 120, diff: 0 });
    }
    expect(video.verdict().degraded).toBe(false);
    for (let i = 0; i < 8; i++) {
      t.advance(250);
      video.frame({ luma: 120, diff: 0 });
    }
    expect(video.verdict()).toEqual({ degraded: true, detail: 'The picture has been frozen for 6 s' });
    t.advance(250);
    video.frame({ luma: 121, diff: 3.2 });
    expect(video.verdict().degraded).toBe(false);
  });

  it('names a black picture rather than a frozen one', () => {
    const t = clock();
    const video = new VideoSignalMonitor(rules, t.now);
    for (let i = 0; i < 28; i++) {
      t.advance(250);
      video.frame({ luma: 16, diff: 0 });
    }
    expect(video.verdict().detail).toMatch(/^The picture has been black for 7 s/);
  });

  it('forgets old trouble when the pipeline starts again', () => {
    const t = clock();
    const video = new VideoSignalMonitor(rules, t.now);
    t.advance(10_000);
    expect(video.verdict().degraded).toBe(true);
    video.reset();
    expect(video.verdict().degraded).toBe(false);
  });
});

describe('MicLivenessMonitor', () => {
  const rules = { silenceDb: -60, silentMeetingMinutes: 10 };

  it('ignores silence outside meetings', () => {
    const t = clock();
    const mic = new MicLivenessMonitor(rules, t.now);
    mic.level(-700);
    t.advance(3_600_000);
    expect(mic.verdict().degraded).toBe(false);
  });

  it('degrades a microphone silent for the first minutes of a meeting, and recovers on sound', () => {
    const t = clock();
    const mic = new MicLivenessMonitor(rules, t.now);
    mic.meetingStarted();
    mic.level(-700);
    t.advance(9 * 60_000);
    expect(mic.verdict().degraded).toBe(false);
    t.advance(60_000);
    expect(mic.verdict()).toEqual({ degraded: true, detail: 'The microphone has heard nothing since the meeting started 10 min ago' });
    mic.level(-35);
    expect(mic.verdict().degraded).toBe(false);
  });

  it('keeps a whole silent meeting against the microphone until it hears something', () => {
    const t = clock();
    const mic = new MicLivenessMonitor({ ...rules, silentMeetingMinutes: 600 }, t.now);
    mic.meetingStarted();
    t.advance(30 * 60_000);
    mic.level(-80);
    mic.meetingEnded();
    expect(mic.verdict()).toEqual({ degraded: true, detail: 'The microphone heard nothing for the whole of the last meeting (30 min)' });
    t.advance(3_600_000);
    expect(mic.verdict().degraded).toBe(true);
    mic.level(-20);
    expect(mic.verdict().degraded).toBe(false);
  });

  it('holds nothing against a microphone nobody listened to', () => {
    const t = clock();
    const mic = new MicLivenessMonitor(rules, t.now);
    mic.meetingStarted();
    t.advance(60 * 60_000);
    expect(mic.verdict().degraded).toBe(false);
    mic.meetingEnded();
    expect(mic.verdict().degraded).toBe(false);
  });

  it('does not hold a meeting with sound against the microphone', () => {
    const t = clock();
    const mic = new MicLivenessMonitor(rules, t.now);
    mic.meetingStarted();
    mic.level(-30);
    t.advance(20 * 60_000);
    mic.level(-700);
    mic.meetingEnded();
    expect(mic.verdict().degraded).toBe(false);
  });
});

describe('compareGrayFrames', () => {
  it('measures mean luma and the mean difference', () => {
    expect(compareGrayFrames(Uint8Array.of(10, 20, 30, 40), null)).toEqual({ luma: 25, diff: null });
    expect(compareGrayFrames(Uint8Array.of(10, 20, 30, 40), Uint8Array.of(10, 22, 26, 40))).toEqual({ luma: 25, diff: 1.5 });
  });
});
