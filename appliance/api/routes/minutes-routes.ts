import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { advanceAgenda, editAgenda } from '../../meetings/agenda-service.js';
import { agendaView } from '../../meetings/meeting-view-builders.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import type { Meeting } from '../../meetings/meeting-types.js';
import { addActionItem, addEntry, deleteActionItem, editEntry, minutesClosed, readMinutes, updateActionItem } from '../../meetings/minutes-actions.js';
import { AGENDA_SAVE_ITEMS } from '../../meetings/meeting-limits.js';
import { assertMayRead, isOrganiser, minutesSentAt, sendMinutesNow, type MinutesReader } from '../../meetings/minutes-service.js';
import { errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { ActionBody, ActionItemSchema, ActionPatch, AgendaDraftSchema, AgendaNowSchema, EntryBody, EntrySchema, IdParams } from './meeting-schemas.js';
import { declareMeetingRoutes, declareRoutes } from '../declare-routes.js';

/** Agenda, notes, decisions, action items and the minutes — from the panel or the phone page. */
export async function minutesRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const api = declareRoutes(app, { tags: ['minutes'], errors: errorResponses });
  const ctx = room.ctx;
  const meetingOr404 = (id: string) => room.meeting(id);
  /** The meeting, and who reads its minutes (the caller's credential checked against it). */
  const open = (request: FastifyRequest, id: string) => {
    const meeting = meetingOr404(id);
    return { meeting, reader: auth.forMeeting(request, meeting) };
  };
  const minutes = declareMeetingRoutes(app, { tags: ['minutes'], errors: errorResponses }, open);
  const agenda = declareMeetingRoutes(app, { tags: ['agenda'], errors: errorResponses }, open);
  // The agenda with its actual times is part of the minutes: closed with them, like notes and decisions.
  const assertAgendaOpen = (m: Meeting, reader: MinutesReader) => {
    const sentAt = minutesSentAt(ctx, m);
    if (sentAt && !isOrganiser(m, reader)) throw minutesClosed(m.id, sentAt);
  };
  // A code proves a phone in the room while the meeting runs. Past that, a confidential meeting's agenda
  // (part of its minutes) and the sending of its minutes are its participants', as its notes are.
  const assertCodeStillOpens = (m: Meeting, reader: MinutesReader) => {
    if (reader.via === 'meeting-code' && m.status !== 'booked' && m.status !== 'in_progress') assertMayRead(ctx, m, reader);
  };

  agenda.get(
    '/api/v1/meetings/:id/agenda',
    { summary: 'Agenda with the current item and its remaining time', response: { 200: Type.Ref(AgendaNowSchema) } },
    async ({ meeting, reader }) => {
      assertCodeStillOpens(meeting, reader);
      return agendaView(ctx, meeting.id);
    },
  );

  agenda.put(
    '/api/v1/meetings/:id/agenda',
    {
      summary: 'Replace the agenda; with ifRevision, only if no one else changed it since (ROOMCTL_E_AGENDA_CHANGED otherwise)',
      body: Type.Object(
        {
          items: Type.Array(AgendaDraftSchema, {
            maxItems: AGENDA_SAVE_ITEMS.merged,
            description: `At most ${AGENDA_SAVE_ITEMS.perSave} items, or as many as the agenda holds when linked rooms' edits merged made it longer: more is 409 ROOMCTL_E_MEETING_LIMIT`,
          }),
          ifRevision: Type.Optional(
            Type.Integer({
              minimum: 0,
              description:
                "The agenda's revision this edit started from (the `revision` of the agenda read). When the agenda has changed since, nothing is saved: 409 ROOMCTL_E_AGENDA_CHANGED with the current revision in details.revision. Without it, the save replaces whatever is there.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Ref(AgendaNowSchema) },
    },
    async ({ meeting, reader }, request) => {
      assertAgendaOpen(meeting, reader);
      editAgenda(ctx, meeting.id, request.body.items, reader, request.body.ifRevision);
      return agendaView(ctx, meeting.id);
    },
  );

  agenda.post(
    '/api/v1/meetings/:id/agenda/next',
    { summary: 'End the current agenda item (its actual time is recorded) and start the next', response: { 200: Type.Ref(AgendaNowSchema) } },
    async ({ meeting, reader }) => {
      assertAgendaOpen(meeting, reader);
      advanceAgenda(ctx, meeting.id);
      return agendaView(ctx, meeting.id);
    },
  );
  agenda.post(
    '/api/v1/meetings/:id/agenda/skip',
    {
      summary: 'Skip the current agenda item (recorded as skipped, with no time of its own) and start the next',
      response: { 200: Type.Ref(AgendaNowSchema) },
    },
    async ({ meeting, reader }) => {
      assertAgendaOpen(meeting, reader);
      advanceAgenda(ctx, meeting.id, { skip: true });
      return agendaView(ctx, meeting.id);
    },
  );

  const EntryParams = Type.Object({ id: IdParams.properties.id, entryId: Type.String({ maxLength: 64 }) });
  // Notes and decisions are recorded, corrected and deleted alike.
  for (const kind of ['note', 'decision'] as const) {
    minutes.post(
      `/api/v1/meetings/:id/${kind}s`,
      { summary: `Record a ${kind}`, body: EntryBody, response: { 201: EntrySchema } },
      async ({ meeting, reader }, request, reply) => reply.status(201).send(addEntry(ctx, meeting.id, kind, request.body.text, request.body.author, reader)),
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
        noContent: true,
      },
      async (request) => {
        const m = meetingOr404(request.params.id);
        editEntry(ctx, m.id, kind, request.params.entryId, null, auth.forMeeting(request, m));
      },
    );
  }

  api.delete(
    '/api/v1/action-items/:id',
    {
      access: 'meeting-code',
      summary: 'Delete an action item (until the minutes are sent)',
      params: IdParams,
      noContent: true,
    },
    async (request) => {
      const item = room.actionItem(request.params.id);
      deleteActionItem(ctx, item.id, auth.forMeeting(request, meetingOr404(item.meetingId)));
    },
  );

  minutes.post(
    '/api/v1/meetings/:id/minutes/send',
    {
      summary: 'Send the minutes of an ended meeting now, rather than at the end of the review time',
      response: { 200: Type.Object({ sentAt: Type.String() }) },
    },
    async ({ meeting: m, reader }) => {
      assertCodeStillOpens(m, reader);
      return { sentAt: await sendMinutesNow(ctx, m, reader) };
    },
  );

  minutes.post(
    '/api/v1/meetings/:id/action-items',
    { summary: 'Record an action item (owner, deadline)', body: ActionBody, response: { 201: ActionItemSchema } },
    async ({ meeting, reader }, request, reply) => reply.status(201).send(addActionItem(ctx, meeting.id, request.body, reader)),
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
    minutes.get(
      `/api/v1/meetings/:id/${file}`,
      {
        summary: `The minutes as ${format === 'ics' ? 'iCalendar VTODOs (action items)' : format === 'json' ? 'JSON' : 'Markdown'}; every read is audited; confidential ones need a personal link (X-Minutes-Reader) or the room while the meeting runs`,
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
      async ({ meeting, reader }, _request, reply) => {
        const read = readMinutes(ctx, meeting.id, reader, format);
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
      summary: 'Every change of the minutes, and who read them (a line a minute per reader and format)',
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
