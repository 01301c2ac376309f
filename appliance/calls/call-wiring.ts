import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomConfig } from '../config/config-schema.js';
import type { RoomEventBus } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import type { Meeting } from '../meetings/meeting-types.js';
import type { SelfTestCheck } from '../meetings/self-test.js';
import { runScene, type SceneHost } from '../meetings/scenes.js';
import type { Clock } from '../model/clock.js';
import { BrowserCall } from './browser-call.js';
import { checkCall, type CallCheckOptions } from './call-check.js';
import { callScene } from './call-scene.js';
import { joinUrlFor } from './join-url.js';
import { CallService, type CallStatus } from './call-service.js';
import type { LinkPolicy, OnlineMeeting } from './online-meeting-link.js';
import { onlineOfBooking } from './online-meeting-view.js';

/** The Join button shows, and a call may open, from this long before the meeting's start. */
const JOIN_OPENS_MINUTES = 10;

/** The room's meetings, as the calls need them. */
interface CallMeetings {
  get(id: string): Meeting | undefined;
  on(event: 'change', listener: () => void): unknown;
  off(event: 'change', listener: () => void): unknown;
}

function linkPolicyOf(config: RoomConfig): LinkPolicy {
  return { allowDomains: config.calls?.allowDomains ?? [], jitsiDomains: config.calls?.jitsiDomains ?? [] };
}

/** The meeting's online meeting, when it may be joined now (from 10 min before its start until its end). */
function joinableOnline(m: Meeting | undefined, policy: LinkPolicy, now: Date): OnlineMeeting | null | undefined {
  if (!m) return undefined;
  if (m.status !== 'booked' && m.status !== 'in_progress')
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${m.id} is ${m.status}: only a booked or running meeting's call can be joined`);
  if (now.getTime() < Date.parse(m.start) - JOIN_OPENS_MINUTES * 60_000)
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `The call of meeting ${m.id} can be joined from ${JOIN_OPENS_MINUTES} min before its start (${m.start})`);
  if (now.getTime() >= Date.parse(m.end)) throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${m.id} ended at ${m.end}`);
  return onlineOfBooking(m, policy);
}

/** Where the call's throw-away browser profiles live (emptied at start). */
const profilesOf = (config: RoomConfig) => join(config.storage.dir, 'call-browser');

/**
 * The check before a meeting with an online call, when the room joins calls: its service's
 * host answers (DNS, then TCP to 443 — `overrides` point a test at loopback) and the call's
 * browser starts. A meeting with no link the room may open, or a SIP one, has nothing to check.
 */
export function callCheckFor(
  config: RoomConfig,
  overrides: Partial<Pick<CallCheckOptions, 'lookup' | 'port' | 'callRunning'>> = {},
): ((m: Meeting) => Promise<SelfTestCheck[]>) | undefined {
  const calls = config.calls;
  if (!calls) return undefined;
  const policy = linkPolicyOf(config);
  const browser = { executable: calls.browser?.executable ?? '/usr/bin/chromium', extraArgs: calls.browser?.extraArgs ?? [] };
  return async (m) => {
    const online = onlineOfBooking(m, policy);
    if (!online || online.provider === 'sip') return [];
    mkdirSync(profilesOf(config), { recursive: true, mode: 0o700 });
    return checkCall(online, { browser, profileParent: profilesOf(config), ...overrides });
  };
}

/**
 * The room's calls, when the config has a `calls:` section: one BrowserCall (its
 * throw-away profiles under `<storage>/call-browser`, emptied at start, so a crash leaves
 * nothing behind for long), the service, and the meetings' changes that end a call.
 */
interface RoomCallsDeps {
  bus: RoomEventBus;
  meetings: CallMeetings;
  clock: Clock;
  log: Logger;
  /** The displays: on and to the call's input as a call opens. */
  devices: SceneHost;
  /** The media pipeline: it lends its USB camera to the call while one runs. */
  media?: { lendCamera(to: string | null): void };
}

/** The room's calls: the service, and its stop (leaves the call, unfollows the meetings). */
export interface RoomCalls {
  service: CallService;
  stop(): Promise<void>;
}

export function createRoomCalls(config: RoomConfig, deps: RoomCallsDeps): RoomCalls | undefined {
  const calls = config.calls;
  if (!calls) return undefined;
  const profileParent = profilesOf(config);
  rmSync(profileParent, { recursive: true, force: true });
  mkdirSync(profileParent, { recursive: true, mode: 0o700 });
  const browser = new BrowserCall({
    executable: calls.browser?.executable ?? '/usr/bin/chromium',
    ...(calls.browser?.display ? { display: calls.browser.display } : {}),
    extraArgs: calls.browser?.extraArgs ?? [],
    profileParent,
    now: () => deps.clock.now(),
  });
  const policy = linkPolicyOf(config);
  const log = deps.log.child({ component: 'calls' });
  const service = new CallService({
    bus: deps.bus,
    call: browser,
    onlineOf: (id) => {
      const online = joinableOnline(deps.meetings.get(id), policy, deps.clock.now());
      return online && online.provider !== 'sip' ? { ...online, url: joinUrlFor(online, config.room.name) } : online;
    },
    meetingLive: (id) => {
      const m = deps.meetings.get(id);
      return !!m && (m.status === 'booked' || m.status === 'in_progress');
    },
    autoJoin: calls.autoJoin ?? false,
  });
  service.on('change', (v: CallStatus) => {
    log.info({ state: v.state, provider: v.provider, meeting: v.meetingId, detail: v.detail }, 'call');
    const live = v.state === 'joining' || v.state === 'in-call';
    deps.media?.lendCamera(live ? 'the online call' : null);
    if (v.state === 'joining') {
      void runScene(deps.devices, callScene(deps.devices, calls.displayInput)).then((results) => {
        const failed = results.filter((r) => !r.ok);
        if (failed.length) log.warn({ failed }, 'the call scene could not set every display');
      });
    }
  });
  const onMeetings = () => service.meetingsChanged();
  deps.meetings.on('change', onMeetings);
  service.start();
  return {
    service,
    async stop() {
      deps.meetings.off('change', onMeetings);
      await service.stop();
    },
  };
}
