import { Type } from '@sinclair/typebox';

/** Route schemas of the media API: validation, response shaping and /openapi.json. */
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const RecordingFileSchema = Type.Object({
  name: Type.String(),
  bytes: Type.Integer(),
  complete: Type.Boolean({ description: 'False while being written, or when the media host died before finishing it' }),
  openedAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  url: Type.String({ description: 'Download address (needs the bearer token)' }),
});

export const RecordingSchema = Type.Object(
  {
    id: Type.String(),
    meetingId: Nullable(Type.String()),
    status: Type.Union(['recording', 'complete', 'failed', 'interrupted'].map((s) => Type.Literal(s))),
    format: Type.Union([Type.Literal('mp4'), Type.Literal('mkv')]),
    startedAt: Type.String({ format: 'date-time' }),
    endedAt: Nullable(Type.String({ format: 'date-time' })),
    detail: Nullable(Type.String()),
    bytes: Type.Integer(),
    files: Type.Array(RecordingFileSchema),
  },
  { $id: 'Recording' },
);

const Verdict = Type.Object({ degraded: Type.Boolean(), detail: Nullable(Type.String()) });
const Pipeline = Type.Object({
  state: Type.String(),
  detail: Nullable(Type.String()),
  rebuilds: Type.Integer(),
  signal: Verdict,
  metrics: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
});

export const MediaStatusSchema = Type.Object(
  {
    summary: Type.Union(
      ['live', 'recovering', 'starting', 'waiting', 'idle', 'degraded'].map((s) => Type.Literal(s)),
      {
        description: 'One word for the panel; `recovering` means the picture is being brought back (say "video recovering")',
      },
    ),
    detail: Nullable(Type.String()),
    host: Type.Object({
      state: Type.String(),
      pid: Type.Union([Type.Integer(), Type.Null()]),
      restarts: Type.Integer(),
      since: Type.String(),
      detail: Nullable(Type.String()),
    }),
    video: Pipeline,
    audio: Type.Union([Pipeline, Type.Null()]),
    recording: Type.Object({ allowed: Type.Boolean(), withMeetings: Type.Boolean(), active: Type.Union([Type.Ref(RecordingSchema), Type.Null()]) }),
    encoder: Nullable(Type.String()),
    previewViewers: Type.Integer(),
  },
  { $id: 'MediaStatus' },
);

export const RecordingParams = Type.Object({ id: Type.String({ pattern: '^rec-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$' }) });
export const RecordingFileParams = Type.Object({ id: RecordingParams.properties.id, name: Type.String({ pattern: '^part-[0-9]{5}\\.(mp4|mkv)$' }) });
export const StartRecordingBody = Type.Object({ meetingId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) }, { additionalProperties: false });
