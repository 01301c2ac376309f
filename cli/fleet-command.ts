import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { WebhookAlertSink, type AlertSink } from '../fleet/alert-sink.js';
import { startFleet } from '../fleet/fleet-service.js';
import { fleetDatabaseName } from '../fleet/fleet-sql.js';
import { loadNotificationsFile, notifyAlertSinks } from '../fleet/notify-alert-sinks.js';
import { createLogger, defaultLogFormat } from '../appliance/logger.js';
import type { MqttSettings } from '../appliance/telemetry/mqtt-connect-options.js';
import { FLEET_USAGE } from './command-usage.js';
import { fleetOperatorsCommand, inFleetDataWords } from './fleet-operators-command.js';
import { waitForShutdown } from './shutdown.js';
import { readCommandLine, UsageError, type UsageProblem } from './usage-error.js';
import { subcommandUsage } from './subcommands.js';

/** `roomctl fleet`: the fleet view in the foreground until Ctrl-C. */
export async function fleetCommand(args: string[]): Promise<number> {
  if (args[0] === 'operators') return fleetOperatorsCommand(args.slice(1));
  // The one word fleet takes is its subcommand: anything else there is a mistyped one.
  if (args[0] !== undefined && !args[0].startsWith('-')) subcommandUsage('fleet', args[0]);
  const { values } = readCommandLine('roomctl fleet', FLEET_USAGE, {
    args,
    strict: true,
    options: {
      broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      username: { type: 'string' },
      password: { type: 'string' },
      ca: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      insecure: { type: 'boolean', default: false },
      protocol: { type: 'string' },
      share: { type: 'string' },
      data: { type: 'string', default: 'fleet-data' },
      database: { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:8090' },
      token: { type: 'string' },
      'command-key': { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'webhook-secret': { type: 'string' },
      notify: { type: 'string' },
      'offline-after': { type: 'string' },
      'room-offline-after': { type: 'string' },
      'reopen-within': { type: 'string' },
      'lamp-life': { type: 'string' },
      'keep-events-days': { type: 'string' },
      'keep-issues-days': { type: 'string' },
      'room-events-per-minute': { type: 'string' },
      'max-rooms': { type: 'string' },
      'client-id': { type: 'string' },
      'log-format': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(FLEET_USAGE);
    return 0;
  }
  const problems: UsageProblem[] = [];
  const badValue = (problem: string) => problems.push({ code: 'ROOMCTL_E_BAD_VALUE', problem });
  const seconds = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) badValue(`--${name} must be a number of seconds, got ${JSON.stringify(value)}`);
    return n;
  };
  if (!/^(mqtts?|wss?):\/\/\S+$/.test(values.broker))
    badValue(`--broker must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${JSON.stringify(values.broker)}`);
  if (values.protocol !== undefined && values.protocol !== '4' && values.protocol !== '5') badValue('--protocol must be 4 (MQTT 3.1.1) or 5');
  if (values.share !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(values.share)) badValue('--share must be a group name of letters, digits, - and _');
  const format = values['log-format'] ?? defaultLogFormat();
  if (format !== 'pretty' && format !== 'json') badValue('--log-format must be pretty or json');
  if (values.token !== undefined && values.token.length < 16) badValue('--token must be at least 16 characters');
  const commandSecret = process.env.ROOMCTL_FLEET_COMMAND_SECRET;
  if (values['command-key'] !== undefined && (commandSecret ?? '').length < 32)
    problems.push({ code: 'ROOMCTL_E_MISSING_ARGUMENT', problem: '--command-key needs its secret (32 characters or more) in ROOMCTL_FLEET_COMMAND_SECRET' });
  const deviceAfter = seconds('offline-after', values['offline-after']);
  const roomAfter = seconds('room-offline-after', values['room-offline-after']);
  const reopenWithin = seconds('reopen-within', values['reopen-within']);
  const lampLife = values['lamp-life'] === undefined ? undefined : Number(values['lamp-life']);
  if (lampLife !== undefined && !(Number.isFinite(lampLife) && lampLife > 0))
    badValue(`--lamp-life must be a number of hours, got ${JSON.stringify(values['lamp-life'])}`);
  const keepDays = values['keep-events-days'] === undefined ? undefined : Number(values['keep-events-days']);
  if (keepDays !== undefined && !(Number.isInteger(keepDays) && keepDays >= 1))
    badValue(`--keep-events-days must be a whole number of days (1 or more), got ${JSON.stringify(values['keep-events-days'])}`);
  const keepIssuesDays = values['keep-issues-days'] === undefined ? undefined : Number(values['keep-issues-days']);
  if (keepIssuesDays !== undefined && !(Number.isInteger(keepIssuesDays) && keepIssuesDays >= 1))
    badValue(`--keep-issues-days must be a whole number of days (1 or more), got ${JSON.stringify(values['keep-issues-days'])}`);
  const roomEvents = values['room-events-per-minute'] === undefined ? undefined : Number(values['room-events-per-minute']);
  if (roomEvents !== undefined && !(Number.isInteger(roomEvents) && roomEvents >= 1))
    badValue(`--room-events-per-minute must be a whole number (1 or more), got ${JSON.stringify(values['room-events-per-minute'])}`);
  const maxRooms = values['max-rooms'] === undefined ? undefined : Number(values['max-rooms']);
  if (maxRooms !== undefined && !(Number.isInteger(maxRooms) && maxRooms >= 1))
    badValue(`--max-rooms must be a whole number (1 or more), got ${JSON.stringify(values['max-rooms'])}`);
  const [first, ...more] = problems;
  if (first) throw new UsageError('roomctl fleet', [first, ...more], FLEET_USAGE);
  const broker: MqttSettings = { url: values.broker, rejectUnauthorized: !values.insecure };
  if (values.username) broker.username = values.username;
  const password = values.password ?? process.env.ROOMCTL_FLEET_PASSWORD;
  if (password) broker.password = password;
  if (values.ca) broker.ca = values.ca;
  if (values.cert) broker.cert = values.cert;
  if (values.key) broker.key = values.key;
  if (values.protocol) broker.protocolVersion = Number(values.protocol) as 4 | 5;
  if (values['client-id']) broker.clientId = values['client-id'];
  const sinks: AlertSink[] = (values.webhook ?? []).map((url, i) => new WebhookAlertSink(url, { id: `webhook-${i + 1}`, secret: values['webhook-secret'] }));
  if (values.notify) sinks.push(...notifyAlertSinks(await loadNotificationsFile(values.notify)));
  const token = values.token ?? randomBytes(18).toString('base64url');

  const log = createLogger({ level: process.env.ROOMCTL_LOG_LEVEL ?? 'info', format: format === 'json' ? 'json' : 'pretty' });
  const rules: Record<string, number> = {};
  if (deviceAfter !== undefined) rules.deviceOfflineAfterS = deviceAfter;
  if (roomAfter !== undefined) rules.roomOfflineAfterS = roomAfter;
  const commandKey = values['command-key'] !== undefined && commandSecret ? { id: values['command-key'], secret: commandSecret } : undefined;
  // The URL may carry a password: the environment keeps it out of `ps`.
  const database = values.database ?? process.env.ROOMCTL_FLEET_DATABASE;
  // Its database is opened first: a --data folder it cannot use stops it here, with nothing else started.
  const fleet = await startFleet({
    broker,
    shareGroup: values.share,
    dataDir: resolve(values.data),
    database,
    listen: values.listen,
    tokens: [token],
    commandKey,
    rules,
    sinks,
    log,
    retention: { ...(keepDays ? { rawEventDays: keepDays } : {}), ...(keepIssuesDays ? { resolvedIssueDays: keepIssuesDays } : {}) },
    roomEventsPerMinute: roomEvents,
    maxRooms,
    flapWindowMs: reopenWithin === undefined ? undefined : reopenWithin * 1000,
    lampRatedHours: lampLife,
  }).catch((err: unknown) => {
    throw inFleetDataWords(err);
  });
  process.stdout.write(
    [
      '',
      'roomctl fleet view ready',
      `  dashboard ${fleet.url}/?token=${token}`,
      `  API       ${fleet.url}/api/fleet/rooms`,
      `  metrics   ${fleet.url}/metrics`,
      `  broker    ${values.broker}   (${values.share ? `$share/${values.share}/` : ''}roomctl/#)`,
      `  database  ${fleetDatabaseName({ dataDir: resolve(values.data), database })}`,
      `  token     ${token}`,
      '',
      'FLEET_READY',
      '',
    ].join('\n'),
  );
  await waitForShutdown(() => fleet.close());
  return 0;
}
