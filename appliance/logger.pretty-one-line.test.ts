import { Writable } from 'node:stream';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import { expect, it } from 'vitest';
import { PRETTY_LINES } from './logger.js';

/** What a person at a terminal sees of each entry: the pretty printer's text for one JSON log line. */
function printed(log: (logger: pino.Logger) => void): string[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  log(pino({ base: { app: 'roomctl' } }, sink));
  const pretty = prettyFactory({ ...PRETTY_LINES, colorize: false });
  return lines.map((line) => pretty(line));
}

it('prints a warning with its error as one line, whether the error is its message or an Error', () => {
  const out = printed((log) => {
    log.warn({ device: 'projector', err: 'the display is in standby; turn it on before AVMT' }, 'device did not take the room mute');
    log.error({ err: new Error('the socket closed') }, 'background meeting work failed');
  });
  expect(out).toHaveLength(2);
  for (const text of out) expect(text.trimEnd().split('\n')).toHaveLength(1);
  expect(out[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN.*device did not take the room mute.*err.*the display is in standby/);
  expect(out[1]).toContain('the socket closed');
});
