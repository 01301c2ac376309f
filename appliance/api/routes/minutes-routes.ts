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
import { ActionBody, ActionItemSchema, ActionPatch, AgendaDraftSchema, AgendaNowSchema, EntryBody, EntrySchema, IdParams } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

/** Agenda, notes, decisions, action items and the minutes — from the panel or the phone page. */
export async function minutesRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const api = declareRoutes(app, { tags: ['minutes'], errors: errorResponses });
  const agenda = declareRoutes(app, { tags: ['agenda'], errors: errorResponses });
  const ctx = room.ctx;
  const meetingOr404 = (id: string) => room.meeting(id);
  // The agenda with its actual times is part of the minutes: closed with them, like notes and decisions.
  const assertAgendaOpen = (m: Meeting, reader: MinutesReader) => {
    const sentAt = minutesSentAt(ctx, m);
    if (sentAt && !isOrganiser(m, reader)) throw minutesClosed(m.id, sentAt);
  };

  agenda.get(
    '/api/v1/meetings/:id/agenda',
    {
      access: 'meeting-code',
      summary: 'Agenda with the current item and its remaining time',
      params: IdParams,
      response: { 200: Type.Ref(AgendaNowSchema) },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      auth.forMeeting(request, m);
      return agendaView(ctx, m.id);
    },
  );

  agenda.put(
    '/api/v1/meetings/:id/agenda',
    {
      access: 'meeting-code',
      summary: 'Replace the agenda',
      params: IdParams,
      body: Type.Object({ items: Type.Array(AgendaDraftSchema, { maxItems: 50 }) }, { additionalProperties: false }),
      response: { 200: Type.Ref(AgendaNowSchema) },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      const reader = auth.forMeeting(request, m);
      assertAgendaOpen(m, reader);
      editAgenda(ctx, m.id, request.body.items, reader);
      return agendaView(ctx, m.id);
    },
  );

  agenda.post(
    '/api/v1/meetings/:id/agenda/next',
    {
      access: 'meeting-code',
      summary: 'End the current agenda item (its actual time is recorded) and start the next',
      params: IdParams,
      response: { 200: Type.Ref(AgendaNowSchema) },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      assertAgendaOpen(m, auth.forMeeting(request, m));
      advanceAgenda(ctx, m.id);
      return agendaView(ctx, m.id);
    },
  );

  const EntryParams = Type.Object({ id: Type.String({ maxLength: 64 }), entryId: Type.String({ maxLength: 64 }) });
  // Notes and decisions are recorded, corrected and deleted alike.
  for (const kind of ['note', 'decision'] as const) {
    api.post(
      `/api/v1/meetings/:id/${kind}s`,
      {
        access: 'meeting-code',
        summary: `Record a ${kind}`,
        params: IdParams,
        body: EntryBody,
        response: { 201: EntrySchema },
      },
      async (request, reply) => {
        const m = meetingOr404(request.params.id);
        return reply.status(201).send(addEntry(ctx, m.id, kind, request.body.text, request.body.author, auth.forMeeting(request, m)));
      },
    );
    api.patch(
      `/api/v1/meetings/:id/${kind}s/:entryId`,
      {
        access: 'meeting-code',
        summary: `Correct a ${kind} (until the minutes are sent: ROOMCTL_E_MINUTES_SENT after)`,
        params: EntryParams,
        body: Type.Object({ text: EntryBody.properties.text }, { additionalProperties: false }),
        response: { 200: EntrySchema },
      },
      async (request) => {
        const m = meetingOr404(request.params.id);
        return editEntry(ctx, m.id, kind, request.params.entryId, request.body.text, auth.forMeeting(request, m));
      },
    );
    api.delete(
      `/api/v1/meetings/:id/${kind}s/:entryId`,
      {
        access: 'meeting-code',
        summary: `Delete a ${kind} (until the minutes are sent)`,
        params: EntryParams,
        response: { 204: Type.Null() },
      },
      async (request, reply) => {
        const m = meetingOr404(request.params.id);
        editEntry(ctx, m.id, kind, request.params.entryId, null, auth.forMeeting(request, m));
        return reply.status(204).send();
      },
    );
  }

  api.delete(
    '/api/v1/action-items/:id',
    {
      access: 'meeting-code',
      summary: 'Delete an action item (until the minutes are sent)',
      params: IdParams,
      response: { 204: Type.Null() },
    },
    async (request, reply) => {
      const item = room.actionItem(request.params.id);
      deleteActionItem(ctx, item.id, auth.forMeeting(request, meetingOr404(item.meetingId)));
      return reply.status(204).send();
    },
  );

  api.post(
    '/api/v1/meetings/:id/minutes/send',
    {
      access: 'meeting-code',
      summary: 'Send the minutes of an ended meeting now, rather than at the end of the review time',
      params: IdParams,
      response: { 200: Type.Object({ sentAt: Type.String() }) },
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

  api.post(
    '/api/v1/meetings/:id/action-items',
    {
      access: 'meeting-code',
      summary: 'Record an action item (owner, deadline)',
      params: IdParams,
      body: ActionBody,
      response: { 201: ActionItemSchema },
    },
    async (request, reply) => {
      const m = meetingOr404(request.params.id);
      return reply.status(201).send(addActionItem(ctx, m.id, request.body, auth.forMeeting(request, m)));
    },
  );

  api.patch(
    '/api/v1/action-items/:id',
    {
      access: 'meeting-code',
      summary: "Update an action item's status, deadline or owner",
      params: IdParams,
      body: ActionPatch,
      response: { 200: ActionItemSchema },
    },
    async (request) => {
      const item = room.actionItem(request.params.id);
      return updateActionItem(ctx, item.id, request.body, auth.forMeeting(request, meetingOr404(item.meetingId)));
    },
  );

  const formats = { 'minutes.json': 'json', 'minutes.md': 'markdown', 'action-items.ics': 'ics' } as const;
  for (const [file, format] of Object.entries(formats)) {
    api.get(
      `/api/v1/meetings/:id/${file}`,
      {
        access: 'meeting-code',
        summary: `The minutes as ${format === 'ics' ? 'iCalendar VTODOs (action items)' : format === 'json' ? 'JSON' : 'Markdown'}; every read is audited; confidential ones need a personal link (X-Minutes-Reader) or the room while the meeting runs`,
        params: IdParams,
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

  api.get(
    '/api/v1/meetings/:id/audit',
    {
      access: 'room',
      summary: 'Every read and change of the minutes',
      params: IdParams,
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
      },
    },
    async (request) => {
      auth.requireToken(request);
      return room.auditOf(meetingOr404(request.params.id).id);
    },
  );
}
