import { isAppSink, loadGstreamer } from '../../appliance/media/gst-binding.js';
import { quoteLaunchValue } from '../../appliance/media/launch-quote.js';

export interface Playback {
  /** Seconds, as the container says. */
  durationS: number;
  /** Video frames demuxed from the file. */
  frames: number;
  /** Audio buffers demuxed (0 when the file has no audio track). */
  audioBuffers: number;
}

/**
 * Plays a recording back as fast as it goes (no clock) and counts what is in it: the
 * container's duration, the video frames and the audio buffers.
 */
export async function playBack(path: string, format: 'mp4' | 'mkv', withAudio: boolean, timeoutMs = 15_000): Promise<Playback> {
  const gst = loadGstreamer();
  const demux = format === 'mp4' ? 'qtdemux' : 'matroskademux';
  const pipeline = new gst.Pipeline(
    `filesrc location=${quoteLaunchValue(path)} ! ${demux} name=d  d.video_0 ! queue ! h264parse ! appsink name=video sync=false` +
      (withAudio ? '  d.audio_0 ! queue ! appsink name=audio sync=false' : ''),
  );
  const count = (name: string, required: boolean) =>
    new Promise<number>((resolve, reject) => {
      const sink = pipeline.findChild(name);
      if (!isAppSink(sink)) return required ? reject(new Error(`no ${name} sink`)) : resolve(0);
      let buffers = 0;
      const timer = setTimeout(
        () => (required ? reject(new Error(`playback of ${path} did not finish in ${timeoutMs} ms (${buffers} ${name} buffers)`)) : resolve(buffers)),
        timeoutMs,
      );
      const next = (): void =>
        sink.pull((buffer) => {
          if (buffer) {
            buffers++;
            return next();
          }
          clearTimeout(timer);
          resolve(buffers);
        });
      next();
    });
  pipeline.play();
  const [frames, audioBuffers] = await Promise.all([count('video', true), withAudio ? count('audio', false) : Promise.resolve(0)]);
  const durationS = pipeline.queryDuration();
  pipeline.stop();
  return { durationS, frames, audioBuffers };
}
