import type { FastifyError, FastifyInstance } from 'fastify';
import { RoomctlError, toRoomctlError } from '../../drivers/core/errors.js';
import { isStorageFailure, storageError } from '../store/storage-health.js';

/** The largest request body the API reads (JSON only; files never come in through it). */
export const BODY_LIMIT_BYTES = 256 * 1024;

interface ErrorHandlingOptions {
  /**
   * A write the store refused, in the words of the program serving (the fleet names its own
   * database); undefined for an error that is no such failure. Default: the room's storage.dir.
   */
  storageFailure?: (err: unknown) => RoomctlError | undefined;
}

const roomStorageFailure = (err: unknown) => (isStorageFailure(err) ? storageError(err) : undefined);

/** Every error leaves the API as a coded body; nothing else reaches a client. */
export function installErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions = {}): void {
  const storageFailure = options.storageFailure ?? roomStorageFailure;
  app.setErrorHandler((err: FastifyError | RoomctlError, request, reply) => {
    let error: RoomctlError;
    const storage = storageFailure(err);
    if (storage) {
      // A full or failing disk is not a bug: say what was not saved, and keep serving.
      error = storage;
    } else if (err instanceof RoomctlError) {
      error = err;
    } else if ((err as FastifyError).validation) {
      const issues = (err as FastifyError).validation!.map((v) => ({
        path: `${(err as FastifyError).validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message ?? 'is invalid',
        allowed: (v.params as { allowedValues?: unknown[] }).allowedValues?.join(', '),
      }));
      error = new RoomctlError('ROOMCTL_E_BAD_REQUEST', `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      error = new RoomctlError('ROOMCTL_E_BODY_TOO_LARGE', `The request body is over ${BODY_LIMIT_BYTES / 1024} KB`, {
        limitBytes: request.routeOptions.bodyLimit ?? BODY_LIMIT_BYTES,
      });
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      error = new RoomctlError(
        'ROOMCTL_E_UNSUPPORTED_MEDIA_TYPE',
        `This API takes JSON bodies, not ${String(request.headers['content-type'] ?? 'a body without a Content-Type').split(';')[0]}`,
        { accepted: ['application/json'] },
      );
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      // Fastify's own client errors (bad JSON, wrong content type, body too large).
      error = new RoomctlError('ROOMCTL_E_BAD_REQUEST', err.message, { fastifyCode: (err as FastifyError).code });
    } else {
      error = toRoomctlError(err);
    }
    if (error.httpStatus >= 500 && error.code === 'ROOMCTL_E_INTERNAL') request.log.error({ err }, 'unhandled error');
    // The error's own words go in `detail`: pino writes the line's message as `msg`, and a second `msg` key makes the line ambiguous JSON.
    else if (storage) request.log.warn({ code: error.code, detail: error.message }, 'write refused by storage');
    else request.log.debug({ code: error.code, detail: error.message }, 'request refused');
    void reply.status(error.httpStatus).send(error.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new RoomctlError('ROOMCTL_E_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
    void reply.status(404).send(error.toJSON());
  });
}
