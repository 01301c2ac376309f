/**
 * The usage text of each command, printed by `roomctl CMD --help` (exit 0) and after a wrong
 * option (exit 2). A wrong option shows only that command's usage: the whole list would bury
 * the one line that says what to type.
 */
export const START_USAGE = `Usage: roomctl start [--config FILE] [--listen HOST:PORT] [--log-format pretty|json]
  Runs a room in the foreground until Ctrl-C (SIGTERM under systemd).
  --config FILE         the room config (see \`roomctl config check\`); without it: the demo room,
                        with simulated devices, an MQTT broker and the fleet view
  --listen HOST:PORT    overrides api.listen (the demo: 127.0.0.1:8080, or a free port when taken)
  --log-format FORMAT   pretty (default on a terminal) or json (default otherwise: journal, pipes)
`;

export const CONFIG_USAGE = `Usage: roomctl config check FILE   validate a room config; every problem as "path: message (allowed: ...)"
       roomctl config schema       print the config's JSON Schema (for editors)
       roomctl config hash-pin [--from-sha256 sha256:HEX]
                                   the admin PIN (read from stdin) as a salted hash for secrets.yaml;
                                   --from-sha256 turns an old unsalted digest into one without the PIN
  Exit 0 when the file is valid (warnings are printed, they do not fail it), 1 when it is not.
`;

export const DOCTOR_USAGE = `Usage: roomctl doctor [--config FILE] [--root DIR] [--json] [--device-timeout SECONDS]
  The room's self-test: config, every device, the broker, the calendar, the panel; one line each,
  and for each failure the next step. Exit 0 when nothing failed, 1 otherwise.
  --config FILE            the room config (default /etc/roomctl/room.yaml)
  --root DIR               a room provisioned with --root DIR
  --json                   the report as JSON
  --device-timeout SECONDS how long devices may take to answer (default 15)
`;

export const SIM_USAGE = `Usage: roomctl sim DRIVER [--option value ...] [--quirks PROFILE,...]
  Runs one device simulator in the foreground until Ctrl-C; it speaks the device's real protocol.
  Each simulator takes its own options (an option it does not take is refused), e.g.
    roomctl sim visca-serial --port /dev/pts/7
    roomctl sim pjlink --listen 127.0.0.1:4352
  A serial simulator's PTY end is --port PATH or --serialPath PATH, whichever the driver uses.
  --quirks plays named profiles of real devices (slow replies, lock-outs…);
  roomctl sim --help lists every simulator with its options and quirk profiles.
`;

// The fleet view and provisioning: their options are many, so their usage is longer.
export const FLEET_USAGE = `roomctl fleet — watch every room's health (subscribes to roomctl/# on the central broker)

Options:
  --broker URL             mqtt://, mqtts://, ws:// or wss:// (default mqtt://127.0.0.1:1883, the demo's broker)
  --username NAME          broker user; the password comes from --password or ROOMCTL_FLEET_PASSWORD
  --ca FILE --cert FILE --key FILE   TLS: pinned CA, client certificate and key
  --insecure               accept a broker certificate that does not verify (lab only)
  --protocol 4|5           MQTT 3.1.1 or 5 (default: 5, falling back to 3.1.1 when refused)
  --share GROUP            subscribe as $share/GROUP/roomctl/# so several fleet instances split the load
  --data DIR               database folder (default ./fleet-data)
  --database URL           postgres://USER:PASSWORD@HOST:PORT/DB: keep the fleet in PostgreSQL, shared
                           by several instances (with --share); also ROOMCTL_FLEET_DATABASE.
                           Without it, DIR/fleet.sqlite
  --listen HOST:PORT       dashboard and API (default 127.0.0.1:8090)
  --token TOKEN            the admin token, acting as "facilities" (default: a new one, printed);
                           operators get their own: roomctl fleet operators add NAME
  --command-key ID         sign the command that tells a room its help call was seen, with the
                           rooms' mqtt.commandKeys entry ID; its secret comes from
                           ROOMCTL_FLEET_COMMAND_SECRET (without a key, rooms are not told)
  --webhook URL            send alerts as JSON to this URL (repeatable); --webhook-secret signs them
  --notify FILE            also send alerts through the channels of a YAML file's \`notifications:\`
                           section (the rooms' format: WeCom, DingTalk, Feishu, Slack, Teams, email)
  --offline-after S        alert when a device stays offline S seconds (default 60)
  --room-offline-after S   alert when a room's appliance stays offline S seconds (default 120)
  --reopen-within S        a device failing again within S seconds of coming back reopens its
                           issue instead of opening a new one (default 600)
  --lamp-life H            rated lamp life for the replace-by forecast, hours (default 3000)
  --keep-events-days N     keep raw events N days (default 30), then only hourly counts per room
                           and type (kept 400 days)
  --keep-issues-days N     keep resolved issues and their logs N days after they were resolved
                           (default 400); open and acknowledged issues are always kept
  --room-events-per-minute N   events one room may have stored a minute (default 60, and a day's
                           worth at once for a room's backlog); past it they are counted
                           on the room, not stored
  --max-rooms N            rooms the fleet keeps (default 200,000); the messages of a room
                           past it are ignored and counted as invalid
  --log-format FORMAT      pretty (default on a terminal) or json

  roomctl fleet operators add NAME [--admin] | list | remove NAME   [--data DIR | --database URL]
`;

export const FLEET_OPERATORS_USAGE = `Usage: roomctl fleet operators add NAME [--admin] | list | remove NAME  [--data DIR | --database URL]
  add NAME     a facilities operator with their own dashboard token (printed once; stored hashed);
               --admin may also manage operators through the API
  list         the operators, their role and since when
  remove NAME  the operator's token stops working at once
  --data DIR   the fleet's database folder (default ./fleet-data)
  --database URL   or the PostgreSQL the fleet instances share (also ROOMCTL_FLEET_DATABASE)
`;

export const PROVISION_USAGE = `Usage: roomctl provision [--answers FILE] [--root DIR] [--dry-run] [--skip-doctor] [--rewrite-unreadable]
  --answers FILE         answers in YAML (see docs/PROVISIONING.md); without it, the questions are asked
  --root DIR             install under DIR instead of / (tests, image builds)
  --dry-run              find and probe the devices, then print the plan; change nothing
  --skip-doctor          do not run the self-test at the end
  --rewrite-unreadable   a room.yaml or secrets.yaml that is no longer YAML is written fresh from the
                         answers (the old one kept as FILE.before-rewrite), not refused; hand edits in it go
`;

export const MAIN_USAGE = `roomctl — meeting-room appliance

Usage:
  roomctl start [--config FILE] [--listen HOST:PORT]   run a room (no config: the demo room)
  roomctl config check FILE                            validate a room config, list every problem
  roomctl config schema                                print the config JSON Schema (for editors)
  roomctl sim DRIVER [--option value ...]              run one device simulator
  roomctl provision [--answers FILE] [--root DIR] [--dry-run]   find devices, write config, install the service
  roomctl doctor [--config FILE] [--json]              self-test: devices, broker, calendar, panel
  roomctl fleet [--broker URL] [--share GROUP] ...     the fleet view: every room's health
  roomctl help [COMMAND] · roomctl COMMAND --help · roomctl --version

Exit codes: 0 done, 1 the work failed (an invalid config, a FAIL in doctor, a room that could
not start), 2 the command line was wrong (a command or option there is not, something missing,
a value that cannot be used, something extra), 130 stopped by a second Ctrl-C.
`;
