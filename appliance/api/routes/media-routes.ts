import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { MediaService } from '../../media/media-service.js';
import { MediaStatusSchema, RecordingFileParams, RecordingParams, RecordingSchema, StartRecordingBody } from '../../media/media-schemas.js';
import type { Recording } from '../../media/media-service.js';
import { TokenAuth } from '../../http/auth.js';
import { PictureAuth, type PanelCredentials } from '../picture-auth.js';
import { ErrorBodySchema, errorResponses } from '../schemas.js';
import { declareRoutes } from '../declare-routes.js';

const BOUNDARY = 'roomctlframe';
/** A viewer this far behind gets frames dropped rather than buffered without end. */
const MAX_BACKLOG_BYTES = 512 * 1024;
const errors = { ...errorResponses, 403: Type.Ref(ErrorBodySchema) };

function withUrls(recording: Recording) {
  return { ...recording, files: recording.files.map((f) => ({ ...f, url: `/api/v1/recordings/${recording.id}/files/${f.name}` })) };
}

/**
 * Media: status, recording start/stop (for people and for the meetings module's
 * lifecycle), recordings list/download/delete, and the live MJPEG preview. Recordings and
 * the preview show people, so unlike the other reads they need the bearer token; the
 * preview also takes it as `?token=` because an <img> cannot send headers, and a paired
 * panel's credential (the panel shows the picture beside its joystick).
 */
export async function mediaRoutes(app: FastifyInstance, media: MediaService, tokens: readonly string[], panels?: PanelCredentials): Promise<void> {
  const api = declareRoutes(app, { tags: ['media'], errors });
  const auth = new TokenAuth(tokens);
  const pictures = new PictureAuth(auth, panels);
  const allowHeaderOrQuery = (request: FastifyRequest) => pictures.check(request);
  app.addSchema(RecordingSchema);

  api.get(
    '/api/v1/media',
    {
      access: 'open',
      summary: 'Media pipeline: host, video, audio, recording, signal health',
      response: { 200: MediaStatusSchema },
      errors: {},
    },
    async () => {
      // The active recording's files carry their download URL, as everywhere else (the schema requires it).
      const status = media.status();
      const active = status.recording.active;
      return active ? { ...status, recording: { ...status.recording, active: withUrls(active) } } : status;
    },
  );

  api.post(
    '/api/v1/media/recording/start',
    {
      access: 'room',
      summary: 'Start recording (if the room allows it)',
      body: Type.Optional(StartRecordingBody),
      response: { 201: Type.Ref(RecordingSchema) },
    },
    async (request, reply) => reply.status(201).send(withUrls(await media.startRecording({ meetingId: request.body?.meetingId ?? null }))),
  );

  api.post(
    '/api/v1/media/recording/stop',
    {
      access: 'room',
      summary: 'Stop the recording; the last file is finished first',
      response: { 200: Type.Union([Type.Ref(RecordingSchema), Type.Null()]) },
    },
    async () => {
      const recording = await media.stopRecording();
      return recording ? withUrls(recording) : null;
    },
  );

  api.get(
    '/api/v1/recordings',
    {
      access: 'room',
      summary: 'Recordings, newest first',
      response: { 200: Type.Array(Type.Ref(RecordingSchema)) },
    },
    async (request) => {
      auth.check(request);
      return media.listRecordings().map(withUrls);
    },
  );

  const recordingOr404 = (id: string) => media.recording(id);

  api.get(
    '/api/v1/recordings/:id',
    {
      access: 'room',
      summary: 'One recording',
      params: RecordingParams,
      response: { 200: Type.Ref(RecordingSchema) },
    },
    async (request) => {
      auth.check(request);
      return withUrls(recordingOr404(request.params.id));
    },
  );

  api.get(
    '/api/v1/recordings/:id/files/:name',
    {
      access: 'room',
      summary: 'Download one segment file',
      params: RecordingFileParams,
    },
    async (request, reply) => {
      auth.check(request);
      const recording = recordingOr404(request.params.id);
      // Only names the database knows, under the recording's own folder.
      const file = recording.files.find((f) => f.name === request.params.name);
      if (!file) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `Recording ${recording.id} has no file "${request.params.name}"`);
      const path = join(media.recordingsDir, recording.id, file.name);
      const size = await stat(path).then(
        (s) => s.size,
        () => null,
      );
      if (size === null) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `The file ${file.name} is no longer on disk`);
      return reply
        .type(recording.format === 'mp4' ? 'video/mp4' : 'video/x-matroska')
        .header('content-length', size)
        .header('content-disposition', `attachment; filename="${recording.id}-${file.name}"`)
        .send(createReadStream(path));
    },
  );

  api.delete(
    '/api/v1/recordings/:id',
    {
      access: 'room',
      summary: 'Delete a recording and its files',
      params: RecordingParams,
      noContent: true,
    },
    async (request) => {
      await media.deleteRecording(recordingOr404(request.params.id).id);
    },
  );

  const viewers = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of viewers) res.end();
  });

  api.get(
    '/api/v1/media/preview.mjpeg',
    {
      access: 'room-link',
      summary: 'Live preview, MJPEG over multipart/x-mixed-replace (for an <img>)',
      querystring: Type.Object({ token: Type.Optional(Type.String()) }),
    },
    (request, reply) => {
      allowHeaderOrQuery(request);
      void reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': `multipart/x-mixed-replace; boundary=${BOUNDARY}`,
        'cache-control': 'no-cache, no-store',
        pragma: 'no-cache',
        connection: 'close',
      });
      viewers.add(res);
      const unsubscribe = media.subscribePreview((jpeg) => {
        if (res.writableLength > MAX_BACKLOG_BYTES) return;
        res.write(`--${BOUNDARY}\r\ncontent-type: image/jpeg\r\ncontent-length: ${jpeg.length}\r\n\r\n`);
        res.write(jpeg);
        res.write('\r\n');
      });
      res.on('close', () => {
        viewers.delete(res);
        unsubscribe();
      });
    },
  );

  api.get(
    '/api/v1/media/preview.jpg',
    {
      access: 'room-link',
      summary: 'One preview frame (JPEG)',
      querystring: Type.Object({ token: Type.Optional(Type.String()) }),
    },
    async (request, reply) => {
      allowHeaderOrQuery(request);
      const jpeg = await media.previewFrame(10_000);
      return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );
}
