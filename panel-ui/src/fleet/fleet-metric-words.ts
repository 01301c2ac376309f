/**
 * A device's metrics as an operator reads them: the ones every room sends (reply time, lamp
 * hours, the picture's frame rate, the microphone's level) in words of the operator's
 * language; any other number the device's state carries, as it came (name and value).
 */
import { ft } from './fleet-words.js';

export function metricWords(name: string, value: number): string {
  switch (name) {
    case 'replyMs':
      return ft('replies in {n} ms', { n: value });
    case 'lampHours':
      return ft('lamp {n} h', { n: value });
    case 'analysedFps':
      return ft('picture {n} frames/s', { n: value });
    case 'rmsDb':
      return ft('level {n} dB', { n: value });
    default:
      return `${name} ${value}`;
  }
}
