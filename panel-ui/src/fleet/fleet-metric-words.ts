/**
 * A device's metrics as an operator reads them: the ones every room sends (reply time, lamp
 * hours, the picture's frame rate, the microphone's level) and the numbers the room's drivers
 * put in their devices' state, in words of the operator's language; a number of a driver new to
 * this dashboard, as it came (name and value).
 */
import { ft } from './fleet-words.js';

/** Each known metric's words, `{n}` its value. */
export const METRIC_WORDS: Record<string, string> = {
  replyMs: 'replies in {n} ms',
  lampHours: 'lamp {n} h',
  analysedFps: 'picture {n} frames/s',
  rmsDb: 'level {n} dB',
  // A VISCA camera: its address on the serial chain, the cameras found on it, its lens.
  address: 'address {n}',
  cameras: '{n} camera(s) on the chain',
  zoom: 'zoom {n}',
  focus: 'focus {n}',
  // An ONVIF camera's presets.
  maxPresets: 'room for {n} presets',
  presetsStored: '{n} presets stored',
  // A microphone array.
  channelCount: '{n} channels',
  preset: 'preset {n}',
  meterRateMs: 'levels every {n} ms',
  volume: 'volume {n}',
  // The room's media processes (picture and sound).
  rebuilds: 'pipeline rebuilt {n} times',
  hostRestarts: 'media process restarted {n} times',
};

export function metricWords(name: string, value: number): string {
  const words = METRIC_WORDS[name];
  return words ? ft(words, { n: value }) : `${name} ${value}`;
}
