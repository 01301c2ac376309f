import { existsSync } from 'node:fs';
import { PROVISIONING_DRIVERS, type ProvisioningDriver } from './provisioning-drivers.js';
import { dirname, join } from 'node:path';
import { parseListen } from '../appliance/http/listen-address.js';
import { mergeSecrets } from '../appliance/config/config-secrets.js';
import { validateConfig, formatIssue, type ConfigIssue } from '../appliance/config/config-validate.js';
import { PROJECT_ROOT } from '../appliance/paths.js';
import { RoomctlError } from '../drivers/core/errors.js';
import type { ProvisionAnswers } from './answers/answers-schema.js';
import { discoverRoom, type DiscoveryDeps } from './discovery/discover.js';
import { formatDoctorReport, runDoctor } from './doctor/doctor.js';
import type { DoctorReport } from './doctor/doctor-types.js';
import { loginFixesInAnswers } from './doctor/login-fix-in-answers.js';
import { applyPlan, assertInstallable } from './install/apply-plan.js';
import { buildInstallPlan, installFolders } from './install/build-plan.js';
import { LAYOUT } from './install/layout.js';
import { emqxAcl, mosquittoAcl } from './install/mqtt-identity.js';
import type { CommandRunner } from './install/system-state.js';
import { targetPath } from './install/system-state.js';
import { proposeDevices } from './proposals.js';
import { buildRoomFiles, defaultMqttUsername, freshWriteNote, roomYaml, secretsYaml, type RoomFiles } from './room-config-build.js';
import { lanAddress } from '../appliance/lan-address.js';
import { isWildcardHost } from '../appliance/config/config-addresses.js';
import { hiddenFromService } from './install/service-files.js';
import { kioskUserLeftNote } from './install/retire-unit.js';
import { mqttMaterial, readPreviousInstall, refuseUnreadableKeptFiles } from './room-inputs.js';

interface ProvisionOptions {
  answers: ProvisionAnswers;
  /** Install under this folder instead of / (tests, image builds). */
  root?: string;
  dryRun?: boolean;
  discovery?: DiscoveryDeps;
  drivers?: readonly ProvisioningDriver[];
  run?: CommandRunner;
  /** The report and the plan (stdout). */
  out(line: string): void;
  /** Progress while probing (stderr). */
  progress(line: string): void;
  /** A kept room.yaml or secrets.yaml that is not YAML is written fresh (the old one set aside) instead of refusing the run. */
  rewriteUnreadable?: boolean;
  /** Run doctor at the end (default true, never on --dry-run). */
  doctor?: boolean;
  doctorDeviceTimeoutMs?: number;
  /** Where the unit will find roomctl and node (default: this checkout and this node); tests try other places. */
  roomctlBin?: string;
  nodePath?: string;
  /** This machine's LAN address for the default public URL; null: none (tests), undefined: look it up. */
  lanAddress?: string | null;
}

export interface ProvisionOutcome {
  changes: string[];
  skipped: string[];
  notes: string[];
  doctor?: DoctorReport;
  /** The room's public URL as written (undefined: none could be found). */
  publicUrl?: string;
  adminPin: string;
}

/**
 * Where the unit's sandbox could not see roomctl or node. A real install refuses them (the
 * service would fail at every start); a --root image or a dry run lists them as notes.
 */
export function installPathProblems(p: { roomctlBin: string; nodePath: string; root?: string; dryRun?: boolean }): string[] {
  const hidden = [p.roomctlBin, p.nodePath].flatMap((path) => {
    const where = hiddenFromService(path);
    return where ? [`${path} is under ${where}`] : [];
  });
  if (hidden.length && !p.root && !p.dryRun) {
    throw new RoomctlError(
      'ROOMCTL_E_INSTALL_PATH',
      `the service could not start roomctl from here: ${hidden.join('; ')}. Install roomctl (and node) elsewhere, e.g. /opt/roomctl and /usr/bin/node, and run provisioning from there`,
      { paths: hidden },
    );
  }
  return hidden;
}

/** Config paths back to the answers that made them, so a refusal names the field IT wrote. */
const ANSWER_OF: Record<string, string> = { 'room.locale': 'room.language' };
const toAnswerPath = (issue: ConfigIssue): ConfigIssue => ({ ...issue, path: ANSWER_OF[issue.path] ?? issue.path });

/**
 * `roomctl provision`: find the devices, write a validated config and its secrets, install a
 * hardened service, create the MQTT identity, then prove the room works with doctor.
 */
export async function provision(options: ProvisionOptions): Promise<ProvisionOutcome> {
  const { answers, root, out, progress } = options;
  const drivers = options.drivers ?? PROVISIONING_DRIVERS;
  const roomctlBin = options.roomctlBin ?? join(PROJECT_ROOT, 'bin', 'roomctl.js');
  const nodePath = options.nodePath ?? process.execPath;
  const hidden = installPathProblems({ roomctlBin, nodePath, root, dryRun: options.dryRun });
  // A run that could write nothing says so before the probes, not after them.
  if (!options.dryRun) await assertInstallable(root, installFolders(answers));
  const previous = await readPreviousInstall(root);
  if (!options.rewriteUnreadable) refuseUnreadableKeptFiles(previous, root);

  progress(`roomctl provision: room ${answers.room.id} (${answers.room.name}), site ${answers.room.site}${root ? `, into ${root}` : ''}`);
  const findings = await discoverRoom(answers, { drivers, ...options.discovery, onProgress: progress });
  const proposal = proposeDevices(findings, answers, drivers, previous.devices);
  const mqtt = await mqttMaterial(answers, root);
  const { host: listenHost, port: listenPort } = parseListen(answers.api?.listen ?? '0.0.0.0:8080');
  const lan = options.lanAddress === undefined ? lanAddress() : (options.lanAddress ?? undefined);
  const loopbackOnly = /^(127\.|::1$|localhost$)/.test(listenHost);
  // One public URL for every QR code and e-mail link: the answer, else where the API listens (this machine's LAN address for 0.0.0.0).
  const defaultHost = isWildcardHost(listenHost) ? lan : loopbackOnly ? undefined : listenHost;
  const publicUrl =
    answers.api?.publicUrl ?? (defaultHost ? `http://${defaultHost.includes(':') ? `[${defaultHost}]` : defaultHost}:${listenPort}` : undefined);
  const files = buildRoomFiles({
    ...(publicUrl ? { publicUrl } : {}),
    answers,
    proposal,
    previousSecrets: previous.secrets,
    previousConfig: previous.config,
    ...(previous.kioskToken ? { previousKioskToken: previous.kioskToken } : {}),
    ...(previous.answeredRecord ? { previousRecord: previous.answeredRecord } : {}),
    ...(mqtt.certificate ? { mqttCertificate: mqtt.certificate } : {}),
    ...(mqtt.ca ? { mqttCa: LAYOUT.mqttCa } : {}),
    secretsFileName: 'secrets.yaml',
  });

  // The config must pass `roomctl config check` before anything is written.
  const merged = mergeSecrets(files.config, { path: LAYOUT.secrets, data: files.secrets });
  const checked = merged.issues.length ? { ok: false as const, issues: merged.issues } : validateConfig(merged.merged, drivers);
  if (!checked.ok) {
    const issues = checked.issues.map(toAnswerPath);
    throw new RoomctlError(
      'ROOMCTL_E_ANSWERS_INVALID',
      `these answers make a room config that would not pass config check:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
      { issues },
    );
  }

  const user = defaultMqttUsername(answers);
  const acl = answers.mqtt ? mosquittoAcl(user, answers.room.site, answers.room.id) : undefined;
  const room = roomYaml(files.config, previous.configText);
  const secrets = secretsYaml(files.secrets, previous.secretsText);
  // A kept file written fresh drops what IT wrote in it: said in the notes and on the file's change line.
  const freshNotes = {
    config: freshWriteNote(room.fresh, LAYOUT.configBeforeRewrite),
    secrets: freshWriteNote(secrets.fresh, LAYOUT.secretsBeforeRewrite),
  };
  const plan = buildInstallPlan({
    answers,
    roomYaml: room.text,
    secretsYaml: secrets.text,
    answeredRecord: `${JSON.stringify(files.record, null, 2)}\n`,
    fileNotes: freshNotes,
    // The file as IT left it stays beside the fresh one, for what IT wants to carry over by hand.
    setAside: {
      ...(freshNotes.config ? { config: previous.configText } : {}),
      ...(freshNotes.secrets ? { secrets: previous.secretsText } : {}),
    },
    grants: proposal.devices.flatMap((d) => (d.grant ? [d.grant] : [])),
    keptDeviceIds: proposal.devices.filter((d) => d.kept).map((d) => d.entry.id),
    previousUdevRules: previous.udevRules,
    devicePaths: findings.flatMap((f) => (f.source === 'serial' ? [f.port.devicePath] : f.source === 'hid' ? [f.hid.path] : [])),
    nodePath,
    roomctlBin,
    ...(acl ? { mosquittoAcl: acl } : {}),
    ...(answers.mqtt?.emqxAcl ? { emqxAcl: emqxAcl(user, answers.room.site, answers.room.id) } : {}),
    ...(mqtt.key ? { mqttKey: mqtt.key } : {}),
    ...(mqtt.csr ? { mqttCsr: mqtt.csr } : {}),
    ...(mqtt.ca ? { mqttCa: mqtt.ca } : {}),
    // The kiosk is the room's panel: it opens with its own panel token (api.panelTokens), not a room token.
    ...(files.kioskToken ? { kioskUrl: `http://127.0.0.1:${listenPort}/?token=${files.kioskToken}` } : {}),
    chromiumPath: '/usr/bin/chromium',
    cagePath: '/usr/bin/cage',
  });

  out(`\nDevices (${proposal.devices.length} configured):`);
  for (const d of proposal.devices) out(`  ${d.entry.id.padEnd(14)} ${d.entry.driver.padEnd(13)} ${d.endpoint} — ${d.detail}`);
  const notes = [...proposal.notes, ...files.notes, ...mqtt.notes];
  if (freshNotes.config) notes.push(`${LAYOUT.config}: ${freshNotes.config}`);
  if (freshNotes.secrets) notes.push(`${LAYOUT.secrets}: ${freshNotes.secrets}`);
  const kioskUserLeft = await kioskUserLeftNote(answers.service?.kiosk === true, answers.service?.kioskUser ?? 'roomctl-kiosk', root);
  if (kioskUserLeft) notes.push(kioskUserLeft);
  for (const h of hidden) notes.push(`${h}: the unit could not start it on a real install; install roomctl under /opt/roomctl`);
  // bin/roomctl.js runs dist/ when it is there, else the TypeScript through tsx: slower to start and ~40 MB more at idle.
  if (!existsSync(join(dirname(dirname(roomctlBin)), 'dist', 'cli', 'main.js'))) {
    notes.push(
      `roomctl is not built: run npm run build in ${dirname(dirname(roomctlBin))} (without it the service compiles TypeScript at every start and idles about 40 MB higher)`,
    );
  }
  if (loopbackOnly)
    notes.push(
      `the API listens on ${listenHost} only: phones cannot open the QR codes; answer api.listen 0.0.0.0:${listenPort} (and api.publicUrl) for a room people use`,
    );
  else if (!publicUrl)
    notes.push('no LAN address found and no api.publicUrl answered: the QR codes will carry the listen address; set api.publicUrl in the answers');
  if (notes.length) out(`\nNotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
  out('');
  const applied = await applyPlan(plan, { root, dryRun: options.dryRun, run: options.run, out });
  if (!options.dryRun) {
    out(
      applied.changes.length
        ? `Changed (${applied.changes.length}):\n${applied.changes.map((c) => `  ${c}`).join('\n')}`
        : 'Nothing changed: the machine already matched.',
    );
    if (applied.skipped.length) out(`Skipped:\n${applied.skipped.map((c) => `  ${c}`).join('\n')}`);
  }
  if (answers.mqtt) printBrokerInstructions(answers, acl!, out);

  const outcome: ProvisionOutcome = { changes: applied.changes, skipped: applied.skipped, notes, publicUrl, adminPin: files.adminPin.pin };
  if (!options.dryRun && options.doctor !== false) {
    out('');
    const report = await runDoctor({
      configPath: targetPath(root, LAYOUT.config),
      drivers,
      root,
      deviceTimeoutMs: options.doctorDeviceTimeoutMs,
      onProgress: progress,
    });
    loginFixesInAnswers(report, drivers);
    out(formatDoctorReport(report));
    outcome.doctor = report;
  }
  if (!options.dryRun) printPanelSteps(publicUrl ?? `http://${loopbackOnly ? listenHost : '<this machine>'}:${listenPort}`, files.adminPin, out);
  return outcome;
}

/** The last thing IT reads: where the panel is, the PIN, and how a touch panel gets paired. */
function printPanelSteps(publicUrl: string, pin: RoomFiles['adminPin'], out: (line: string) => void): void {
  const pinLine =
    pin.source === 'kept'
      ? `the one set before (panel.adminPin in ${LAYOUT.secrets})`
      : `${pin.pin}   (${pin.source === 'generated' ? 'generated; ' : ''}kept in ${LAYOUT.secrets} as panel.adminPin)`;
  out(
    [
      '',
      'The panel:',
      `  panel URL   ${publicUrl}/   (the QR codes on the panel open pages under this URL on phones)`,
      `  admin PIN   ${pinLine}`,
      'To pair a touch panel:',
      `  1. open ${publicUrl}/ in the touch panel's browser (kiosk mode); it shows a pairing code such as K7QM-4XPA`,
      '  2. on that panel, enter the admin PIN to approve it (or approve its code in the admin view of a panel already paired)',
      `  3. or approve it in advance: add the code to panel.pairCodes in ${LAYOUT.secrets} and run roomctl provision again`,
      '',
    ].join('\n'),
  );
}

function printBrokerInstructions(answers: ProvisionAnswers, acl: string, out: (line: string) => void): void {
  const user = defaultMqttUsername(answers);
  out('\nOn the broker (Mosquitto), let this room in and keep it to its own topics:');
  if ((answers.mqtt?.identity ?? 'password') === 'password') {
    out(`  mosquitto_passwd /etc/mosquitto/passwd ${user}    # password: mqtt.password in ${LAYOUT.secrets}`);
  } else {
    out(`  sign ${LAYOUT.mqttCsr} with the broker's CA (CN=${user}); use_identity_as_username true in mosquitto.conf`);
  }
  out(`  # acl_file lines (also in ${LAYOUT.mosquittoAcl}):`);
  for (const line of acl.trimEnd().split('\n')) out(`  ${line}`);
  if (answers.mqtt?.emqxAcl) out(`  EMQX: the same rules in acl.conf form are in ${LAYOUT.emqxAcl}`);
}
