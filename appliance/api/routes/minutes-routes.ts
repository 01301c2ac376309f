import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import { advanceAgenda, editAgenda } from '../../meetings/agenda-service.js';
import { agendaView } from '../../meetings/meeting-view-builders.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import type { Meeting } from '../../meetings/meeting-types.js';
import { addActionItem, addEntry, deleteActionItem, editEntry, minutesClosed, readMinutes, updateActionItem } from '../../meetings/minutes-actions.js';
import { isOrganiser, minutesSentAt, sendMinutes, type MinutesReader } from '../../meetings/minutes-service.js';
import { errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import {
  ActionBody,
  ActionItemSchema,
  ActionPatch,
  AgendaDraftSchema,
  AgendaNowSchema,
  CodeHeaders,
  EntryBody,
  EntrySchema,
  IdParams,
} from './meeting-schemas.js';

const byCode = { config: { access: 'meeting-code' as const } };
const either: Record<string, string[]>[] = [{ bearer: [] }, {}];

/** Agenda, notes, decisions, action items and the minutes — from the panel or the phone page. */
export async function minutesRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const ctx = room.ctx;
  const meetingOr404 = (id: string) => room.meeting(id);
  // The agenda with its actual times is part of the minutes: closed with them, like notes and decisions.
  const assertAgendaOpen = (m: Meeting, reader: MinutesReader) => {
    const sentAt = minutesSentAt(ctx, m);
    if (sentAt && !isOrganiser(m, reader)) throw minutesClosed(m.id, sentAt);
  };

  app.get<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/agenda',
    {
      ...byCode,
      schema: {
        summary: 'Agenda with the current item and its remaining time',
        tags: ['agenda'],
        params: IdParams,
        headers: CodeHeaders,
        security: either,
        response: { 200: Type.Ref(AgendaNowSchema), ...errorResponses },
      },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      auth.forMeeting(request, m);
      return agendaView(ctx, m.id);
    },
  );

  app.put<{ Params: { id: string }; Body: { items: (typeof AgendaDraftSchema.static)[] } }>(
    '/api/v1/meetings/:id/agenda',
    {
      ...byCode,
      schema: {
        summary: 'Replace the agenda',
        tags: ['agenda'],
        params: IdParams,
        headers: CodeHeaders,
        body: Type.Object({ items: Type.Array(AgendaDraftSchema, { maxItems: 50 }) }, { additionalProperties: false }),
        security: either,
        response: { 200: Type.Ref(AgendaNowSchema), ...errorResponses },
      },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      const reader = auth.forMeeting(request, m);
      assertAgendaOpen(m, reader);
      editAgenda(ctx, m.id, request.body.items, reader);
      return agendaView(ctx, m.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/agenda/next',
    {
      ...byCode,
      schema: {
        summary: 'End the current agenda item (its actual time is recorded) and start the next',
        tags: ['agenda'],
        params: IdParams,
        headers: CodeHeaders,
        security: either,
        response: { 200: Type.Ref(AgendaNowSchema), ...errorResponses },
      },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      assertAgendaOpen(m, auth.forMeeting(request, m));
      advanceAgenda(ctx, m.id);
      return agendaView(ctx, m.id);
    },
  );

  for (const kind of ['note', 'decision'] as const) {
    app.post<{ Params: { id: string }; Body: { text: string; author?: string } }>(
      `/api/v1/meetings/:id/${kind}s`,
      {
        ...byCode,
        schema: {
          summary: `Record a ${kind}`,
          tags: ['minutes'],
          params: IdParams,
          headers: CodeHeaders,
          body: EntryBody,
          security: either,
          response: { 201: EntrySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const m = meetingOr404(request.params.id);
        return reply.status(201).send(addEntry(ctx, m.id, kind, request.body.text, request.body.author, auth.forMeeting(request, m)));
      },
    );
  }

  const EntryParams = Type.Object({ id: Type.String({ maxLength: 64 }), entryId: Type.String({ maxLength: 64 }) });
  for (const kind of ['note', 'decision'] as const) {
    app.patch<{ Params: { id: string; entryId: string }; Body: { text: string } }>(
      `/api/v1/meetings/:id/${kind}s/:entryId`,
      {
        ...byCode,
        schema: {
          summary: `Correct a ${kind} (until the minutes are sent: ROOMCTL_E_MINUTES_SENT after)`,
          tags: ['minutes'],
          params: EntryParams,
          headers: CodeHeaders,
          body: Type.Object({ text: EntryBody.properties.text }, { additionalProperties: false }),
          security: either,
          response: { 200: EntrySchema, ...errorResponses },
        },
      },
      async (request) => {
        const m = meetingOr404(request.params.id);
        return editEntry(ctx, m.id, kind, request.params.entryId, request.body.text, auth.forMeeting(request, m));
      },
    );
    app.delete<{ Params: { id: string; entryId: string } }>(
      `/api/v1/meetings/:id/${kind}s/:entryId`,
      {
        ...byCode,
        schema: {
          summary: `Delete a ${kind} (until the minutes are sent)`,
          tags: ['minutes'],
          params: EntryParams,
          headers: CodeHeaders,
          security: either,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const m = meetingOr404(request.params.id);
        editEntry(ctx, m.id, kind, request.params.entryId, null, auth.forMeeting(request, m));
        return reply.status(204).send();
      },
    );
  }

  app.delete<{ Params: { id: string } }>(
    '/api/v1/action-items/:id',
    {
      ...byCode,
      schema: {
        summary: 'Delete an action item (until the minutes are sent)',
        tags: ['minutes'],
        params: IdParams,
        headers: CodeHeaders,
        security: either,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const item = room.actionItem(request.params.id);
      deleteActionItem(ctx, item.id, auth.forMeeting(request, meetingOr404(item.meetingId)));
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/minutes/send',
    {
      ...byCode,
      schema: {
        summary: 'Send the minutes of an ended meeting now, rather than at the end of the review time',
        tags: ['minutes'],
        params: IdParams,
        headers: CodeHeaders,
        security: either,
        response: { 200: Type.Object({ sentAt: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      const reader = auth.forMeeting(request, m);
      if (m.status !== 'ended') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${m.id} is ${m.status}; the minutes go out once it has ended`);
      sendMinutes(ctx, m, reader);
      const sentAt = minutesSentAt(ctx, m);
      if (!sentAt) throw new RoomctlError('ROOMCTL_E_INTERNAL', `The minutes of ${m.id} were not recorded as sent`);
      return { sentAt };
    },
  );

  app.post<{ Params: { id: string }; Body: typeof ActionBody.static }>(
    '/api/v1/meetings/:id/action-items',
    {
      ...byCode,
      schema: {
        summary: 'Record an action item (owner, deadline)',
        tags: ['minutes'],
        params: IdParams,
        headers: CodeHeaders,
        body: ActionBody,
        security: either,
        response: { 201: ActionItemSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const m = meetingOr404(request.params.id);
      return reply.status(201).send(addActionItem(ctx, m.id, request.body, auth.forMeeting(request, m)));
    },
  );

  app.patch<{ Params: { id: string }; Body: typeof ActionPatch.static }>(
    '/api/v1/action-items/:id',
    {
      ...byCode,
      schema: {
        summary: "Update an action item's status, deadline or owner",
        tags: ['minutes'],
        params: IdParams,
        headers: CodeHeaders,
        body: ActionPatch,
        security: either,
        response: { 200: ActionItemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const item = room.actionItem(request.params.id);
      return updateActionItem(ctx, item.id, request.body, auth.forMeeting(request, meetingOr404(item.meetingId)));
    },
  );

  const formats = { 'minutes.json': 'json', 'minutes.md': 'markdown', 'action-items.ics': 'ics' } as const;
  for (const [file, format] of Object.entries(formats)) {
    app.get<{ Params: { id: string } }>(
      `/api/v1/meetings/:id/${file}`,
      {
        ...byCode,
        schema: {
          summary: `The minutes as ${format === 'ics' ? 'iCalendar VTODOs (action items)' : format === 'json' ? 'JSON' : 'Markdown'}; every read is audited; confidential ones need a personal link (X-Minutes-Reader) or the room while the meeting runs`,
          tags: ['minutes'],
          params: IdParams,
          headers: CodeHeaders,
          security: either,
          response: {
            200:
              format === 'json'
                ? Type.Object({
                    final: Type.Boolean({ description: 'Assembled at the end' }),
                    sentAt: Type.Union([Type.String(), Type.Null()], { description: 'When they went out; until then they can be corrected' }),
                    sendsAt: Type.Union([Type.String(), Type.Null()], { description: 'When held minutes go out by themselves' }),
                    minutes: Type.Unknown(),
                  })
                : Type.String(),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const m = meetingOr404(request.params.id);
        const read = readMinutes(ctx, m.id, auth.forMeeting(request, m), format);
        void reply.header('cache-control', 'no-store');
        if (format === 'json') return { final: read.final, sentAt: read.sentAt, sendsAt: read.sendsAt, minutes: read.minutes };
        if (format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(read.markdown);
        return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="action-items.ics"').send(read.ics);
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/audit',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Every read and change of the minutes',
        tags: ['minutes'],
        params: IdParams,
        security: [{ bearer: [] }],
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              meetingId: Type.String(),
              action: Type.String(),
              who: Type.Union([Type.String(), Type.Null()]),
              via: Type.String(),
              detail: Type.Union([Type.String(), Type.Null()]),
              at: Type.String(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      auth.requireToken(request);
      return room.auditOf(meetingOr404(request.params.id).id);
    },
  );
}
