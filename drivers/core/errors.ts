/**
 * The one catalog of coded errors. HTTP, MQTT and the CLI all speak these codes, so a
 * facilities person reading an MQTT event and IT reading `roomctl config check` see the
 * same words. Each entry says what HTTP status it maps to and what a person can do.
 */
export const ERROR_CATALOG = {
  // config
  ROOMCTL_E_CONFIG_NOT_FOUND: {
    http: 400,
    hint: 'Check the path given to --config.',
  },
  ROOMCTL_E_CONFIG_PARSE: {
    http: 400,
    hint: 'The file is not valid YAML; fix the line shown.',
  },
  ROOMCTL_E_CONFIG_INVALID: {
    http: 400,
    hint: 'Fix each field listed; `roomctl config check FILE` lists them all.',
  },
  ROOMCTL_E_UNKNOWN_DRIVER: {
    http: 400,
    hint: 'Use one of the driver ids listed in the README.',
  },
  // API
  ROOMCTL_E_BAD_REQUEST: {
    http: 400,
    hint: 'The request body does not match the schema in /openapi.json.',
  },
  ROOMCTL_E_UNAUTHORIZED: {
    http: 401,
    hint: 'Send `Authorization: Bearer <token>` with a token from the config.',
  },
  ROOMCTL_E_FORBIDDEN: {
    http: 403,
    hint: 'This credential may not do that.',
  },
  ROOMCTL_E_BODY_TOO_LARGE: {
    http: 413,
    hint: 'The request body is over the limit given in the details; send less (a picture or file does not go through this API).',
  },
  ROOMCTL_E_UNSUPPORTED_MEDIA_TYPE: {
    http: 415,
    hint: 'Send the body as JSON with `Content-Type: application/json`.',
  },
  ROOMCTL_E_HEADERS_TOO_LARGE: {
    http: 431,
    hint: 'Send less in the headers (16 KB at most, cookies included).',
  },
  ROOMCTL_E_REQUEST_TIMEOUT: {
    http: 408,
    hint: 'The headers must arrive within 10 s and the whole request within 30 s; send it again on a steadier connection.',
  },
  ROOMCTL_E_TOO_MANY_CONNECTIONS: {
    http: 503,
    hint: 'The room serves a bounded number of live connections; close another panel or tab, or try again in a moment.',
  },
  ROOMCTL_E_ROUTE_ACCESS: {
    http: 500,
    hint: 'A bug: every route must declare who may call it (config.access).',
  },
  ROOMCTL_E_ADMIN_PIN_NOT_SET: {
    http: 409,
    hint: "Set panel.adminPin in the room's secrets.yaml (roomctl provision asks for one or makes one), then restart the room.",
  },
  ROOMCTL_E_LOCKED_OUT: {
    http: 429,
    hint: 'Too many wrong PINs; wait the time given, then try again.',
  },
  ROOMCTL_E_RATE_LIMITED: {
    http: 429,
    hint: 'Too many requests from this client in a short time; wait the time given, then try again.',
  },
  ROOMCTL_E_PAIRING_TAKEN: {
    http: 409,
    hint: 'Another panel is already waiting with this pairing code; if this panel shows it, reload it for a new code, and tell IT.',
  },
  ROOMCTL_E_NOT_FOUND: {
    http: 404,
    hint: 'Check the URL against /openapi.json.',
  },
  ROOMCTL_E_OPERATOR_EXISTS: {
    http: 409,
    hint: 'An operator of that name exists already: `roomctl fleet operators remove NAME` first to give them a new token.',
  },
  // The CLI's words for the API's ROOMCTL_E_NOT_FOUND, whose hint is about URLs.
  ROOMCTL_E_OPERATOR_NOT_FOUND: {
    http: 404,
    hint: '`roomctl fleet operators list` shows who there is: give the name as listed (a name with spaces goes in quotes), with the --data DIR or --database URL the fleet itself runs on.',
  },
  ROOMCTL_E_DEVICE_NOT_FOUND: {
    http: 404,
    hint: 'GET /api/v1/devices lists the devices of this room.',
  },
  ROOMCTL_E_ACTION_NOT_FOUND: {
    http: 404,
    hint: "GET /api/v1/devices lists each device's actions.",
  },
  ROOMCTL_E_ACTION_PARAMS: {
    http: 400,
    hint: "The action's parameters are out of range; see the allowed values.",
  },
  // devices
  ROOMCTL_E_DEVICE_OFFLINE: {
    http: 503,
    hint: 'The device is not connected; check its cable, power and address.',
  },
  ROOMCTL_E_DEVICE_TIMEOUT: {
    http: 504,
    hint: 'The device did not answer in time; it may be busy or unplugged.',
  },
  ROOMCTL_E_DEVICE_REJECTED: {
    http: 409,
    hint: 'The device refused the command (its error reply is in the detail).',
  },
  ROOMCTL_E_DEVICE_BUSY: {
    http: 409,
    hint: 'The device is busy (warming up or its buffer is full); try again shortly.',
  },
  ROOMCTL_E_DEVICE_AUTH: {
    http: 502,
    // Many devices refuse a locked account exactly as a wrong password (PJLink's ERRA): the hint names both.
    hint: "Wrong password or locked account: the device refused the credentials in the config. Fix the device's password (or username) in the room config or its secrets.yaml to match the device, or unlock the account on the device (or wait for its lock to end); the room retries slowly meanwhile so the device does not lock the account again.",
  },
  // 502: the command reached the device, whose answer never came back; re-sending could do it twice.
  ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN: {
    http: 502,
    hint: "Sent, outcome unknown: the command reached the device but the link was lost before it answered. Check the device's state before sending it again.",
  },
  ROOMCTL_E_DEVICE_FOLLOWS_ROOM: {
    http: 409,
    hint: 'This device follows the room mute; change the room mute (POST /api/v1/room/mute) instead.',
  },
  ROOMCTL_E_PROTOCOL: {
    http: 502,
    hint: 'The device sent a reply that makes no sense; the link was reset.',
  },
  ROOMCTL_E_PORT_NOT_FOUND: {
    http: 503,
    hint: 'The serial port does not exist; check the cable or the by-id path.',
  },
  ROOMCTL_E_PORT_IN_USE: {
    http: 503,
    hint: 'Another process holds the port; stop it or choose another port.',
  },
  ROOMCTL_E_CONNECT_FAILED: {
    http: 503,
    hint: 'The device could not be reached; check its address and network.',
  },
  ROOMCTL_E_NOT_SUPPORTED: {
    http: 501,
    hint: 'This device or model does not support that.',
  },
  ROOMCTL_E_STILL_INVALID: {
    http: 502,
    hint: "The camera's still was not a usable JPEG (not a JPEG, cut off, or over 2 MB); lower its snapshot resolution or check its snapshot URL. A preset saved meanwhile is kept.",
  },
  ROOMCTL_E_STILL_NOT_FOUND: {
    http: 404,
    hint: 'This preset has no still: it was saved without one (no picture source, a confidential meeting, or the camera failed). Save the preset again to take one.',
  },
  // meetings
  ROOMCTL_E_MEETING_NOT_FOUND: {
    http: 404,
    hint: 'GET /api/v1/meetings lists the meetings of this room.',
  },
  ROOMCTL_E_BOOKING_CONFLICT: {
    http: 409,
    hint: 'The room is booked then; GET /api/v1/meetings shows when it is free.',
  },
  ROOMCTL_E_BOOKING_LIMIT: {
    http: 409,
    hint: 'The room takes ad-hoc bookings up to 366 days ahead and 200 in any 24 hours (the details say which bound was met); book further ahead, or more, through the calendar.',
  },
  ROOMCTL_E_MEETING_STATE: {
    http: 409,
    hint: 'The meeting is not in a state that allows this (see its status).',
  },
  ROOMCTL_E_MINUTES_SENT: {
    http: 409,
    hint: 'The minutes went out to everyone; only the organiser amends them now, through the personal link in their minutes email.',
  },
  ROOMCTL_E_FEEDBACK_GIVEN: {
    http: 409,
    hint: 'This meeting has been rated already (one rating a meeting); a problem with the room is still taken: send it without a rating, or through /api/v1/problems.',
  },
  ROOMCTL_E_AGENDA_CHANGED: {
    http: 409,
    hint: 'Someone else changed the agenda after you read it (details.revision is its revision now): read it again, then save your version with that revision to keep yours, or leave theirs.',
  },
  ROOMCTL_E_DOOR_CODE_EXPIRED: {
    http: 401,
    hint: 'The code from the QR code on the door has expired: scan the QR code on the door again.',
  },
  // 429: the request was fine, this code has just been used enough (a fresh scan gives a new one).
  ROOMCTL_E_DOOR_CODE_USED_UP: {
    http: 429,
    hint: 'This QR code has made as many bookings as one code may: scan the QR code on the door again in a few minutes.',
  },
  ROOMCTL_E_LINK_UNAVAILABLE: {
    http: 503,
    hint: "Linking rooms needs the room's MQTT broker (the mqtt section of its config): the rooms of a linked meeting talk through it.",
  },
  ROOMCTL_E_LINK_REFUSED: {
    http: 403,
    hint: 'This room takes invitations to linked meetings only from the rooms in meetings.links.acceptFrom (by default the rooms of its own site): add the inviting room ("site/room") or its site ("site/*") there.',
  },
  ROOMCTL_E_LINK_NOT_MEMBER: {
    http: 403,
    hint: "A linked meeting takes records only from its rooms: those whose calendars hold its invite, those an organiser linked to it, and the rooms of meetings.links.withoutProof (none by default: rooms of an earlier release while a site upgrades). Put the room in the invite, link it from the organiser's room, or, for a room of an earlier release, name it in withoutProof.",
  },
  ROOMCTL_E_LINK_MISMATCH: {
    http: 403,
    hint: "An invitation to a linked meeting carries the invited room's proof, which the verifying key it carries accepts, or (to a room of an earlier release) the occurrence key whose digest is its link; this one did neither and linked nothing. A room of a current release never sends such an invitation: look at the inviting room.",
  },
  ROOMCTL_E_LINK_NOT_ORGANISER: {
    http: 403,
    hint: "Only a room whose calendar holds a linked meeting's invite (the organiser's room, or a room the organiser invited in the calendar) links rooms to it, and gives or takes its time; this room was linked by another room: it hands the time on only while it keeps it. Link the room, or hand the time over, from the room that linked this one, or add this room to the invite.",
  },
  ROOMCTL_E_LINK_NOT_HOST: {
    http: 403,
    hint: "A room an organiser's invitation brought into a linked meeting hands its time on only while it keeps it, and takes it by no fail-over or organiser's claim (it keeps the time while the host is offline without one); a fail-over or organiser's claim names the room that sends it. This record did otherwise and changed nothing. A room of a current release never sends one: look at that room's broker login.",
  },
  ROOMCTL_E_LINK_OWN_MEETING: {
    http: 409,
    hint: "An invitation named a linked meeting this room holds of its own (its calendar's invite, or booked here) at another time than this room's booking of it, and booked nothing: an organiser's room invites a room to the meeting as that room holds it. Let this room read its calendar if the invite moved; otherwise look at the inviting room's broker login.",
  },
  ROOMCTL_E_LINK_CONFLICT: {
    http: 409,
    hint: "The organiser moved a linked meeting to a time this room is booked for: this room's booking of it stays at the time it had, and the other booking stays too. Free the room at the new time (or move the other booking) and the next invitation moves it; or release this room's booking of the meeting.",
  },
  ROOMCTL_E_LINK_ROOM: {
    http: 400,
    hint: 'Name each room as "site/room" (letters, digits, ".", "_", "-"), other than this one, at most 50.',
  },
  ROOMCTL_E_MEETING_LIMIT: {
    http: 409,
    hint: 'A meeting holds a bounded number of walk-ins, notes and decisions, action items, polls and raised hands, and an agenda save a bounded number of items (the details say which and how many); tidy up what is there, or go on in a new meeting.',
  },
  ROOMCTL_E_CHECKIN_CLOSED: {
    http: 409,
    hint: 'Check-in opens shortly before a meeting and closes when it ends.',
  },
  // the conversation: the floor and polls
  ROOMCTL_E_NOT_CHECKED_IN: {
    http: 409,
    hint: 'Only people checked in to the meeting raise a hand or vote: check in first (the meeting page, a badge, or a tap on the panel).',
  },
  ROOMCTL_E_HAND_NOT_FOUND: {
    http: 404,
    hint: 'That hand is no longer in the queue (lowered, or given the floor); the meeting view shows the queue.',
  },
  ROOMCTL_E_HAND_ALREADY_RAISED: {
    http: 409,
    hint: 'This person already has a hand in the queue; wait for the floor, or lower it first.',
  },
  ROOMCTL_E_POLL_NOT_FOUND: {
    http: 404,
    hint: 'The meeting view lists its polls with their ids.',
  },
  ROOMCTL_E_POLL_CLOSED: {
    http: 409,
    hint: 'The poll is closed and its count is final; the chair opens a new poll to ask again.',
  },
  ROOMCTL_E_ALREADY_VOTED: {
    http: 409,
    hint: 'Each person checked in votes once, and a vote is not changed afterwards; tell the chair if this vote was not yours.',
  },
  ROOMCTL_E_CALENDAR_FEED: {
    http: 502,
    hint: 'The calendar feed could not be read; the room keeps its last good schedule.',
  },
  // online meetings
  ROOMCTL_E_ONLINE_LINK_REFUSED: {
    http: 400,
    hint: 'The room opens only links of a known meeting service (Teams, Zoom, Webex, Google Meet, Tencent Meeting, Feishu/Lark, DingTalk, WeCom, Jitsi) or of a domain in calls.allowDomains; a SIP or H.323 address is kept and shown.',
  },
  ROOMCTL_E_CALL_CHECK: {
    http: 502,
    hint: "Before the meeting the room could not reach the meeting service or start the call's browser: the self-test's detail says which; people can join with the link or dial-in meanwhile.",
  },
  // the self-test: one code per kind of check that fails (the fault it raises carries it; the device's own error is the detail)
  ROOMCTL_E_SELFTEST_UNREACHABLE: {
    http: 502,
    hint: 'The device was offline, refused the login or is set up wrongly when the self-test ran: the detail says which; check its power, cable or network, and its entry in the config.',
  },
  ROOMCTL_E_SELFTEST_NO_POWER: {
    http: 502,
    hint: 'The device did not power on when the self-test woke it: check its power supply, and that control in standby is enabled in its own menu.',
  },
  ROOMCTL_E_SELFTEST_NO_ANSWER: {
    http: 502,
    hint: 'The device did not answer a read in the self-test: check its cable or network, then run the self-test again.',
  },
  ROOMCTL_E_SELFTEST_CAMERA_STUCK: {
    http: 502,
    hint: 'The camera did not move to its home position in the self-test: check that nothing blocks it and that it is not held by another controller.',
  },
  ROOMCTL_E_SELFTEST_NO_PICTURE: {
    http: 502,
    hint: 'The display did not turn on in the self-test, so the room has no picture: check its power and its control cable or network.',
  },
  ROOMCTL_E_SELFTEST_MIC_SILENT: {
    http: 502,
    hint: 'The microphone heard nothing in the self-test: check that it is connected, not muted on the device itself, and that its gain is up.',
  },
  ROOMCTL_E_SELFTEST_CALL_UNREACHABLE: {
    http: 502,
    hint: "The meeting service's server did not answer from the room before the meeting: check the room's internet access and firewall; people can join with the link or dial-in meanwhile.",
  },
  ROOMCTL_E_SELFTEST_CALL_BROWSER: {
    http: 502,
    hint: "The online call's browser did not start in the self-test: check calls.browser.executable in the room's config, and that the browser is installed.",
  },
  ROOMCTL_E_NO_CALL_LAUNCHER: {
    http: 409,
    hint: 'This room joins no online meetings: add a calls: section to the room config (the browser that runs the call).',
  },
  ROOMCTL_E_NOTIFY_FAILED: {
    http: 502,
    hint: 'A notification channel refused or did not answer; the outbox retries it.',
  },
  ROOMCTL_E_ALERT_GIVEN_UP: {
    http: 502,
    hint: "The fleet stopped trying to deliver an alert to a channel: it failed for a day, or the channel had too many alerts waiting. The alert is still on the dashboard; check the channel's URL and that it answers.",
  },
  // provisioning
  ROOMCTL_E_ANSWERS_NOT_FOUND: {
    http: 400,
    hint: 'Check the path given to --answers. To write one, start from the example under "The answers file" in docs/PROVISIONING.md, or run `roomctl provision` without --answers to be asked the questions.',
  },
  ROOMCTL_E_ANSWERS_PARSE: {
    http: 400,
    hint: 'The answers file is not valid YAML, so none of its answers could be read: fix it at the line and column shown (often an indent, or a value with `: ` or ` #` in it that needs quotes), then run provisioning again; nothing was probed or written.',
  },
  ROOMCTL_E_ANSWERS_INVALID: {
    http: 400,
    hint: 'Fix each answer listed; every bad field is named with what it accepts.',
  },
  ROOMCTL_E_PROVISION_WRITE: {
    http: 500,
    hint: 'The room was not installed; the message says what was rolled back or exactly what is left.',
  },
  ROOMCTL_E_KEPT_FILE_PARSE: {
    http: 400,
    hint: 'A file an earlier run wrote (room.yaml, secrets.yaml) is no longer YAML provisioning can read, and writing it again would lose what was written there by hand: fix it at the line and column shown (`roomctl config check FILE` reads it too), then run provisioning again; nothing was probed or written. To have it written fresh from the answers instead, run provisioning with --rewrite-unreadable (the file as it is stays beside it as FILE.before-rewrite).',
  },
  // Not thrown: said in provisioning's notes when a kept file is written fresh instead of edited.
  ROOMCTL_E_KEPT_FILE_UNREADABLE: {
    http: 500,
    hint: 'The file as it was could not be read (not YAML, or not a map of keys) and --rewrite-unreadable asked for it to be written fresh from the answers: what was written there by hand, comments included, is not in it. The old file is kept beside it (FILE.before-rewrite): carry over what is still needed, then run `roomctl config check`.',
  },
  ROOMCTL_E_KEPT_FILE_NOT_EDITABLE: {
    http: 500,
    hint: 'The file could not be edited in place (an alias stands for a value that changed), so it was written fresh: its values are kept, its comments are not. The old file is kept beside it (FILE.before-rewrite): copy the comments still needed, without the alias.',
  },
  ROOMCTL_E_BROKER_REFUSED: {
    http: 502,
    hint: "The MQTT broker refused the room's credentials; add the user and the ACL lines `roomctl provision` printed.",
  },
  ROOMCTL_E_BROKER_PROTOCOL: {
    http: 502,
    hint: 'The broker answered but speaks another MQTT version: set mqtt.protocolVersion (4 = MQTT 3.1.1, 5 = MQTT 5) in the room config.',
  },
  ROOMCTL_E_INSTALL_PATH: {
    http: 500,
    hint: 'The service cannot read a program under /tmp, /home or /root (PrivateTmp, ProtectHome): install roomctl under /opt/roomctl and run provisioning from there.',
  },
  ROOMCTL_E_PANEL_NOT_BUILT: {
    http: 503,
    hint: 'The room serves a placeholder page where the panel should be: run `npm run build` in the roomctl folder, then restart the room.',
  },
  ROOMCTL_E_BROKER_UNREACHABLE: {
    http: 503,
    hint: 'The MQTT broker did not answer; check mqtt.url, the network and the firewall.',
  },
  // the MQTT contract between rooms and the fleet
  ROOMCTL_E_MQTT_TOPIC: {
    http: 400,
    hint: 'A message arrived on a roomctl/ topic that is not <site>/<room>/… with slug ids; check what publishes there (docs/TELEMETRY.md lists the topics).',
  },
  ROOMCTL_E_MQTT_PAYLOAD: {
    http: 400,
    hint: 'A room sent a payload the MQTT contract does not allow (docs/TELEMETRY.md); the message is ignored and counted — update the room or fix the publisher named in the topic.',
  },
  // media
  ROOMCTL_E_MEDIA_REJECTED: {
    http: 400,
    hint: 'A pipeline element, property or value is not allowed: camera URIs are plain rtsp:// addresses (no spaces, quotes or control characters).',
  },
  ROOMCTL_E_MEDIA_UNAVAILABLE: {
    http: 503,
    hint: 'The video pipeline is starting or recovering; it comes back by itself — check the camera if it does not.',
  },
  // process
  ROOMCTL_E_LISTEN_IN_USE: {
    http: 500,
    hint: 'The address is taken; choose another api.listen or stop the other process.',
  },
  ROOMCTL_E_LISTEN_FAILED: {
    http: 500,
    hint: 'Set api.listen to an address of this machine (or 0.0.0.0) and a port from 1 to 65535; `roomctl config check FILE` checks it.',
  },
  ROOMCTL_E_START_FAILED: {
    http: 500,
    hint: 'The room did not start; `roomctl doctor --config FILE` checks the config, devices and broker one by one. Rerun with ROOMCTL_DEBUG=1 for the stack trace when reporting a bug.',
  },
  // 507 Insufficient Storage: the request was fine and the room runs on; it just could not be saved.
  ROOMCTL_E_STORAGE: {
    http: 507,
    hint: 'The data folder is full, not writable, or the database is damaged: free space in storage.dir, or make it a folder the service may write (a running room carries on meanwhile, without saving).',
  },
  // Not an answer to a request: the storage check's code (GET /api/v1/status `storage.code`, a room fault) while telemetry cannot write.
  ROOMCTL_E_STORAGE_TELEMETRY_HELD: {
    http: 507,
    hint: "The data folder refuses telemetry's writes: its messages are held in memory (1,000 messages, 1 MiB, no longer than mqtt.outbox.maxAgeSeconds) and still sent, and what is past that is lost. Free space in storage.dir; what is held goes to disk within 5 s and the fault clears.",
  },
  ROOMCTL_E_FLEET_DATABASE: {
    http: 503,
    hint: 'The fleet cannot use the database given to --database (fleet.database): check the postgres:// URL, that the server runs and answers, and the user and password.',
  },
  // A running fleet's write its database refused: ROOMCTL_E_STORAGE's hint speaks of a room's storage.dir.
  ROOMCTL_E_FLEET_STORAGE: {
    http: 507,
    hint: "The fleet's database (named above) did not take the write; the fleet keeps running and shows what it has. On SQLite (--data DIR, the file DIR/fleet.sqlite): free space on that disk (`df DIR`), and check the folder is still writable by the fleet's user and the file not damaged. On PostgreSQL (--database): check that the server runs and answers, has free disk, and lets the fleet's user write. Then try again.",
  },
  // The CLI's words for ROOMCTL_E_STORAGE, whose hint is about a running room's storage.dir.
  ROOMCTL_E_FLEET_DATA: {
    http: 507,
    hint: "The fleet's database folder cannot be opened: give --data the folder the fleet runs with (default ./fleet-data), one this user may write, on a disk with free space.",
  },
  // the command line
  ROOMCTL_E_UNKNOWN_COMMAND: {
    http: 400,
    hint: 'Use one of the commands in the usage printed below; `roomctl help` lists every command, `roomctl help COMMAND` shows one.',
  },
  ROOMCTL_E_UNKNOWN_OPTION: {
    http: 400,
    hint: 'The command does not take that option: use one from its usage printed below (`roomctl help COMMAND` shows it again).',
  },
  ROOMCTL_E_MISSING_ARGUMENT: {
    http: 400,
    hint: 'Add what is said above to be missing, written as the usage printed below shows.',
  },
  ROOMCTL_E_BAD_VALUE: {
    http: 400,
    hint: 'Correct the value named above; the usage printed below says what each option takes.',
  },
  ROOMCTL_E_EXTRA_ARGUMENT: {
    http: 400,
    hint: 'Leave out what is named above (a value with spaces goes in quotes); the usage printed below shows what the command takes.',
  },
  ROOMCTL_E_DEPENDENCY_MISSING: {
    http: 500,
    hint: 'Install the missing program (see the README).',
  },
  ROOMCTL_E_SHUTTING_DOWN: {
    http: 503,
    hint: 'The appliance is stopping.',
  },
  ROOMCTL_E_INTERNAL: {
    http: 500,
    hint: 'A bug: please report it with the log.',
  },
} as const satisfies Record<string, { http: number; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  hint: string;
  details?: unknown;
}

export class RoomctlError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RoomctlError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CATALOG[this.code].http;
  }

  get hint(): string {
    return ERROR_CATALOG[this.code].hint;
  }

  toJSON(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message, hint: this.hint };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export function isRoomctlError(value: unknown): value is RoomctlError {
  return value instanceof RoomctlError;
}

/** Wraps anything thrown into a RoomctlError so callers always see a code. */
export function toRoomctlError(value: unknown, fallback: ErrorCode = 'ROOMCTL_E_INTERNAL'): RoomctlError {
  if (value instanceof RoomctlError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new RoomctlError(fallback, message, undefined, { cause: value });
}
