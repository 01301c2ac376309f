import Fastify, { type FastifyBaseLogger } from 'fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { RoomctlError } from '../../drivers/core/errors.js';
import { installErrorHandling } from './error-handler.js';

it('a "request refused" log line has one msg key, with the error\'s words in detail', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level: 'debug' }, sink) as FastifyBaseLogger });
  installErrorHandling(app);
  app.get('/refuse', () => {
    throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', 'preset 9 is out of range: this camera stores 8 presets');
  });

  const reply = await app.inject({ method: 'GET', url: '/refuse' });
  await app.close();

  expect(reply.statusCode).toBe(400);
  const line = lines.find((l) => l.includes('request refused'));
  expect(line).toBeDefined();
  expect(line!.match(/"msg":/g)).toHaveLength(1);
  expect(JSON.parse(line!)).toMatchObject({
    msg: 'request refused',
    code: 'ROOMCTL_E_ACTION_PARAMS',
    detail: 'preset 9 is out of range: this camera stores 8 presets',
  });
});
