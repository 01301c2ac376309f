import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import type { Meeting } from '../../meetings/meeting-types.js';
import { errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { FloorViewSchema, HandViewSchema, IdParams, PersonSchema, PollViewSchema } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

const Who = Type.Object(
  { ...PersonSchema.properties },
  { additionalProperties: false, minProperties: 1, description: 'A person checked in to the meeting: the name or email they checked in with, or their badge' },
);
const HandParams = Type.Object({ id: IdParams.properties.id, handId: Type.String({ minLength: 1, maxLength: 100 }) });
const FloorBody = Type.Union(
  [
    Type.Object({ handId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
    Type.Object({ next: Type.Literal(true) }, { additionalProperties: false }),
  ],
  {
    description:
      '{ handId } gives the floor to that raised hand; { next: true } to the next named agenda speaker, else the first raised hand, else ends the turn',
  },
);
const Option = Type.String({ minLength: 1, maxLength: 80 });
const PollBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 300 }),
    options: Type.Optional(Type.Array(Option, { minItems: 2, maxItems: 10, description: 'Default: yes, no, abstain' })),
  },
  { additionalProperties: false },
);
const VoteBody = Type.Object({ option: Option, voter: Who }, { additionalProperties: false });
const CountsBody = Type.Object(
  { counts: Type.Record(Type.String({ minLength: 1, maxLength: 80 }), Type.Integer({ minimum: 0, maximum: 10_000 }), { minProperties: 1 }) },
  { additionalProperties: false },
);
const PollParams = IdParams;

const PollRef = Type.Ref(PollViewSchema);

/**
 * The floor and polls: a phone holding the meeting code (its meeting page) or the panel.
 * Raising a hand and voting name a person checked in to the meeting; the show of hands is the
 * room's own count, so it needs the room's credential.
 */
export async function conversationRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const floor = declareRoutes(app, { tags: ['floor'], errors: errorResponses });
  const polls = declareRoutes(app, { tags: ['polls'], errors: errorResponses });
  const conversation = room.ctx.conversation;
  /** The meeting, checked against the caller's credential; `hidden` for a confidential one seen from a phone. */
  const meetingFor = (request: FastifyRequest, id: string): { meeting: Meeting; hidden: boolean } => {
    const meeting = room.meeting(id);
    const reader = auth.forMeeting(request, meeting);
    return { meeting, hidden: meeting.confidentiality === 'confidential' && reader.via !== 'token' };
  };
  const pollFor = (request: FastifyRequest, pollId: string) => {
    const meetingId = conversation.meetingOfPoll(pollId);
    // A code proves one meeting: to a phone, a poll it cannot be matched with is a wrong code, not a hint at which polls exist.
    if (!meetingId && !auth.hasToken(request)) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'The meeting code is not right for this poll');
    if (!meetingId) throw new RoomctlError('ROOMCTL_E_POLL_NOT_FOUND', `No poll "${pollId}" in this room`);
    return meetingFor(request, meetingId);
  };
  const pollView = (meetingId: string, pollId: string, hidden: boolean) => conversation.view(meetingId, hidden).polls.find((p) => p.pollId === pollId)!;

  floor.post(
    '/api/v1/meetings/:id/hands',
    {
      access: 'meeting-code',
      summary: 'Raise a hand: a person checked in asks for the floor (the phone page, or the panel)',
      params: IdParams,
      body: Who,
      response: { 201: HandViewSchema },
    },
    async (request, reply) => {
      const { meeting, hidden } = meetingFor(request, request.params.id);
      const hand = conversation.raiseHand(meeting.id, request.body);
      return reply.status(201).send({ ...hand, name: hidden ? null : hand.name });
    },
  );

  floor.delete(
    '/api/v1/meetings/:id/hands/:handId',
    {
      access: 'meeting-code',
      summary: 'Lower a raised hand (it leaves the queue)',
      params: HandParams,
      response: { 200: Type.Ref(FloorViewSchema) },
    },
    async (request) => {
      const { meeting, hidden } = meetingFor(request, request.params.id);
      conversation.lowerHand(meeting.id, request.params.handId);
      return conversation.view(meeting.id, hidden).floor;
    },
  );

  floor.post(
    '/api/v1/meetings/:id/floor',
    {
      access: 'meeting-code',
      summary: "The chair gives the floor: to a raised hand, or to whoever is next; the speaker's time starts",
      params: IdParams,
      body: FloorBody,
      response: { 200: Type.Ref(FloorViewSchema) },
    },
    async (request) => {
      const { meeting, hidden } = meetingFor(request, request.params.id);
      conversation.giveFloor(meeting.id, 'handId' in request.body ? { handId: request.body.handId } : { next: true });
      return conversation.view(meeting.id, hidden).floor;
    },
  );

  polls.post(
    '/api/v1/meetings/:id/polls',
    {
      access: 'meeting-code',
      summary: 'Open a poll (yes / no / abstain, or the options listed)',
      params: IdParams,
      body: PollBody,
      response: { 201: PollRef },
    },
    async (request, reply) => {
      const { meeting, hidden } = meetingFor(request, request.params.id);
      const poll = conversation.openPoll(meeting.id, request.body.question, request.body.options);
      return reply.status(201).send(pollView(meeting.id, poll.pollId, hidden));
    },
  );

  polls.post(
    '/api/v1/polls/:id/votes',
    {
      access: 'meeting-code',
      summary: 'Vote once, as a person checked in; a second vote is refused (ROOMCTL_E_ALREADY_VOTED)',
      params: PollParams,
      body: VoteBody,
      response: { 200: PollRef },
    },
    async (request) => {
      const { meeting, hidden } = pollFor(request, request.params.id);
      conversation.vote(request.params.id, request.body.option, request.body.voter);
      return pollView(meeting.id, request.params.id, hidden);
    },
  );

  polls.post(
    '/api/v1/polls/:id/counts',
    {
      access: 'room',
      summary: "The chair's show of hands in this room; entered again, it replaces this room's earlier count",
      params: PollParams,
      body: CountsBody,
      response: { 200: PollRef },
    },
    async (request) => {
      const { meeting } = pollFor(request, request.params.id);
      conversation.countHands(request.params.id, request.body.counts);
      return pollView(meeting.id, request.params.id, false);
    },
  );

  polls.post(
    '/api/v1/polls/:id/close',
    {
      access: 'meeting-code',
      summary: 'Close the poll: the count is final and goes to the minutes as a decision',
      params: PollParams,
      response: { 200: PollRef },
    },
    async (request) => {
      const { meeting, hidden } = pollFor(request, request.params.id);
      conversation.closePoll(request.params.id);
      return pollView(meeting.id, request.params.id, hidden);
    },
  );
}
