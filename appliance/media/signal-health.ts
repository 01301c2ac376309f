/**
 * Health from the signal itself. A camera can answer every control command while its
 * picture is frozen or black; a microphone can be "online" while nobody hears it. These
 * monitors judge the picture and the sound, with the time passed in so tests move it by hand.
 */
export interface SignalVerdict {
  degraded: boolean;
  detail: string | null;
}

/**
 * Mean absolute difference (0–255) below which two small grey frames count as the same
 * picture. Deliberately tiny: a live camera on an empty room still differs frame to frame
 * (sensor noise survives the point-sampling downscale), while a frozen feed — a decoder or
 * encoder repeating its last frame — is identical to the bit.
 */
const FROZEN_DIFF = 0.1;

interface VideoRules {
  frozenSeconds: number;
  blackSeconds: number;
  blackLuma: number;
}

interface FrameStats {
  /** Mean luma 0–255 of a small grey copy of the frame. */
  luma: number;
  /** Mean absolute difference from the previous analysed frame, 0–255; null for the first. */
  diff: number | null;
}

export class VideoSignalMonitor {
  private lastChangeAt: number;
  private lastBrightAt: number;
  private lastLuma: number | null = null;
  private readonly frameTimes: number[] = [];

  constructor(
    private readonly rules: VideoRules,
    private readonly now: () => number,
  ) {
    this.lastChangeAt = now();
    this.lastBrightAt = now();
  }

  /** A new pipeline (or a recovered source): nothing is known to be wrong yet. */
  reset(): void {
    this.lastChangeAt = this.now();
    this.lastBrightAt = this.now();
    this.lastLuma = null;
    this.frameTimes.length = 0;
  }

  frame(stats: FrameStats): void {
    const at = this.now();
    this.lastLuma = stats.luma;
    if (stats.diff === null || stats.diff >= FROZEN_DIFF) this.lastChangeAt = at;
    if (stats.luma >= this.rules.blackLuma) this.lastBrightAt = at;
    this.frameTimes.push(at);
    while (this.frameTimes.length > 0 && at - this.frameTimes[0]! > 5000) this.frameTimes.shift();
  }

  verdict(): SignalVerdict {
    const at = this.now();
    const black = (at - this.lastBrightAt) / 1000;
    const frozen = (at - this.lastChangeAt) / 1000;
    // A black picture is also a still one: name the more specific fault.
    if (black >= this.rules.blackSeconds)
      return { degraded: true, detail: `The picture has been black for ${Math.round(black)} s (lens cap, camera asleep or no input)` };
    if (frozen >= this.rules.frozenSeconds) return { degraded: true, detail: `The picture has been frozen for ${Math.round(frozen)} s` };
    return { degraded: false, detail: null };
  }

  /** Figures for the device state and health metrics. */
  metrics(): { analysedFps: number; luma: number | null } {
    const span = this.frameTimes.length > 1 ? (this.frameTimes.at(-1)! - this.frameTimes[0]!) / 1000 : 0;
    return {
      analysedFps: span > 0 ? Math.round(((this.frameTimes.length - 1) / span) * 10) / 10 : 0,
      luma: this.lastLuma === null ? null : Math.round(this.lastLuma),
    };
  }
}

interface AudioRules {
  silenceDb: number;
  silentMeetingMinutes: number;
}

/**
 * Microphone liveness. Silence is normal in an empty room, so it only counts during a
 * meeting: no sound for `silentMeetingMinutes` since the start, or a whole meeting without
 * a sound, marks the microphone degraded until it hears something again.
 */
export class MicLivenessMonitor {
  private meetingStartedAt: number | null = null;
  private soundSinceStart = false;
  /** Silence is only held against a microphone that was listened to (an idle host measures nothing). */
  private measuredSinceStart = false;
  private silentMeeting: string | null = null;
  private lastRmsDb: number | null = null;
  private lastPeakDb: number | null = null;

  constructor(
    private readonly rules: AudioRules,
    private readonly now: () => number,
  ) {}

  level(rmsDb: number, peakDb: number = rmsDb): void {
    this.lastRmsDb = rmsDb;
    this.lastPeakDb = peakDb;
    this.measuredSinceStart = true;
    if (rmsDb > this.rules.silenceDb) {
      this.soundSinceStart = true;
      this.silentMeeting = null;
    }
  }

  meetingStarted(): void {
    this.meetingStartedAt = this.now();
    this.soundSinceStart = false;
    this.measuredSinceStart = false;
  }

  meetingEnded(): void {
    if (this.meetingStartedAt === null) return;
    const minutes = Math.round((this.now() - this.meetingStartedAt) / 60_000);
    if (this.measuredSinceStart && !this.soundSinceStart)
      this.silentMeeting = `The microphone heard nothing for the whole of the last meeting (${minutes} min)`;
    this.meetingStartedAt = null;
  }

  get inMeeting(): boolean {
    return this.meetingStartedAt !== null;
  }

  verdict(): SignalVerdict {
    if (this.meetingStartedAt !== null && this.measuredSinceStart && !this.soundSinceStart) {
      const minutes = (this.now() - this.meetingStartedAt) / 60_000;
      if (minutes >= this.rules.silentMeetingMinutes)
        return { degraded: true, detail: `The microphone has heard nothing since the meeting started ${Math.floor(minutes)} min ago` };
    }
    if (this.silentMeeting) return { degraded: true, detail: this.silentMeeting };
    return { degraded: false, detail: null };
  }

  metrics(): { rmsDb: number | null; peakDb: number | null } {
    const round = (v: number | null) => (v === null ? null : Math.round(Math.max(v, -120) * 10) / 10);
    return { rmsDb: round(this.lastRmsDb), peakDb: round(this.lastPeakDb) };
  }
}

/** Mean luma and the difference from the previous frame, over two GRAY8 buffers of one size. */
export function compareGrayFrames(frame: Uint8Array, previous: Uint8Array | null): FrameStats {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]!;
  const luma = frame.length > 0 ? sum / frame.length : 0;
  if (!previous || previous.length !== frame.length) return { luma, diff: null };
  let diff = 0;
  for (let i = 0; i < frame.length; i++) diff += Math.abs(frame[i]! - previous[i]!);
  return { luma, diff: diff / frame.length };
}
