import { dirname } from 'node:path';
import type { ProvisionAnswers } from '../answers/answers-schema.js';
import type { DeviceGrant } from '../proposals.js';
import type { FileStep, InstallPlan, InstallStep } from './install-plan.js';
import { LAYOUT } from './layout.js';
import { applianceUnit, deviceClassesOf, kioskUnit, udevRules } from './service-files.js';

interface PlanInputs {
  answers: ProvisionAnswers;
  roomYaml: string;
  secretsYaml: string;
  /** What this run wrote from the answers, as JSON (answered-record.ts). */
  answeredRecord: string;
  /** Said with the config files' change lines (a kept file written fresh, and what of IT's that dropped). */
  fileNotes?: { config?: string; secrets?: string };
  /** A config file as IT left it, when it was written fresh: kept beside it, so nothing of IT's is gone for good. */
  setAside?: { config?: string; secrets?: string };
  grants: DeviceGrant[];
  keptDeviceIds: string[];
  previousUdevRules: string | undefined;
  devicePaths: string[];
  nodePath: string;
  roomctlBin: string;
  mosquittoAcl?: string;
  emqxAcl?: string;
  mqttKey?: string;
  mqttCsr?: string;
  mqttCa?: string;
  /** The kiosk's panel URL (with a token), when the mini-PC drives the panel. */
  kioskUrl?: string;
  chromiumPath: string;
  cagePath: string;
}

const dataDirOf = (answers: ProvisionAnswers) => answers.storage?.dir ?? '/var/lib/roomctl';

/** The folders every install writes into, known from the answers alone (before any device is probed). */
export function installFolders(answers: ProvisionAnswers): string[] {
  return [LAYOUT.configDir, dataDirOf(answers), dirname(LAYOUT.udevRules), dirname(LAYOUT.unit)];
}

/** The whole install as a list of steps, in the order they are applied. */
export function buildInstallPlan(p: PlanInputs): InstallPlan {
  const user = p.answers.service?.user ?? 'roomctl';
  const dataDir = dataDirOf(p.answers);
  const kiosk = p.answers.service?.kiosk === true;
  const kioskUser = p.answers.service?.kioskUser ?? 'roomctl-kiosk';
  const steps: InstallStep[] = [{ kind: 'user', name: user, home: dataDir, createHome: false, purpose: 'roomctl appliance service' }];
  if (kiosk)
    steps.push({
      kind: 'user',
      name: kioskUser,
      home: `/var/lib/${kioskUser}`,
      createHome: true,
      purpose: 'roomctl panel kiosk',
      groups: ['video', 'input', 'render'],
    });
  steps.push(
    { kind: 'dir', path: LAYOUT.configDir, mode: 0o755, owner: 'root', purpose: 'room config' },
    { kind: 'dir', path: dataDir, mode: 0o750, owner: 'service', purpose: 'data folder (the only place the service may write)' },
  );
  const files: FileStep[] = [
    {
      kind: 'file',
      path: LAYOUT.secrets,
      content: p.secretsYaml,
      mode: 0o600,
      owner: 'service',
      secret: true,
      purpose: 'secrets (tokens, passwords)',
      tag: 'config',
      ...(p.fileNotes?.secrets ? { note: p.fileNotes.secrets } : {}),
    },
    {
      kind: 'file',
      path: LAYOUT.config,
      content: p.roomYaml,
      mode: 0o644,
      owner: 'root',
      purpose: 'room config',
      tag: 'config',
      ...(p.fileNotes?.config ? { note: p.fileNotes.config } : {}),
    },
  ];
  files.push({
    kind: 'file',
    path: LAYOUT.answeredRecord,
    content: p.answeredRecord,
    mode: 0o600,
    owner: 'root',
    purpose: 'what this run wrote from the answers (the next run tells it from hand edits)',
  });
  if (p.setAside?.config !== undefined)
    files.push({ kind: 'file', path: LAYOUT.configBeforeRewrite, content: p.setAside.config, mode: 0o644, owner: 'root', purpose: 'room.yaml as it was' });
  if (p.setAside?.secrets !== undefined)
    files.push({
      kind: 'file',
      path: LAYOUT.secretsBeforeRewrite,
      content: p.setAside.secrets,
      mode: 0o600,
      owner: 'service',
      secret: true,
      purpose: 'secrets.yaml as it was',
    });
  if (p.mqttCa || p.mqttKey || p.mosquittoAcl) steps.push({ kind: 'dir', path: LAYOUT.mqttDir, mode: 0o755, owner: 'root', purpose: 'MQTT identity and ACL' });
  if (p.mqttCa) files.push({ kind: 'file', path: LAYOUT.mqttCa, content: p.mqttCa, mode: 0o644, owner: 'root', purpose: 'broker CA', tag: 'config' });
  if (p.mqttKey)
    files.push({
      kind: 'file',
      path: LAYOUT.mqttKey,
      content: p.mqttKey,
      mode: 0o600,
      owner: 'service',
      secret: true,
      purpose: 'MQTT client key',
      tag: 'config',
    });
  if (p.mqttCsr)
    files.push({ kind: 'file', path: LAYOUT.mqttCsr, content: p.mqttCsr, mode: 0o644, owner: 'root', purpose: 'certificate signing request for your CA' });
  if (p.mosquittoAcl)
    files.push({ kind: 'file', path: LAYOUT.mosquittoAcl, content: p.mosquittoAcl, mode: 0o644, owner: 'root', purpose: 'Mosquitto ACL lines for the broker' });
  if (p.emqxAcl)
    files.push({ kind: 'file', path: LAYOUT.emqxAcl, content: p.emqxAcl, mode: 0o644, owner: 'root', purpose: 'EMQX acl.conf rules for the broker' });
  files.push(
    {
      kind: 'file',
      path: LAYOUT.udevRules,
      content: udevRules(p.grants, user, p.previousUdevRules, p.keptDeviceIds),
      mode: 0o644,
      owner: 'root',
      purpose: "udev rules: the room's devices belong to the service user",
      tag: 'udev',
    },
    {
      kind: 'file',
      path: LAYOUT.unit,
      content: applianceUnit({
        user,
        nodePath: p.nodePath,
        roomctlBin: p.roomctlBin,
        configPath: LAYOUT.config,
        dataDir,
        deviceClasses: deviceClassesOf(p.devicePaths),
      }),
      mode: 0o644,
      owner: 'root',
      purpose: 'systemd unit (sandboxed, watchdog)',
      tag: 'unit',
    },
  );
  if (kiosk && p.kioskUrl) {
    files.push(
      {
        kind: 'file',
        path: LAYOUT.kioskEnv,
        content: `ROOMCTL_PANEL_URL=${p.kioskUrl}\n`,
        mode: 0o600,
        owner: 'root',
        secret: true,
        purpose: 'kiosk panel URL (carries a token)',
        tag: 'unit',
      },
      {
        kind: 'file',
        path: LAYOUT.kioskUnit,
        content: kioskUnit({ user: kioskUser, envFile: LAYOUT.kioskEnv, chromium: p.chromiumPath, cage: p.cagePath }),
        mode: 0o644,
        owner: 'root',
        purpose: 'kiosk browser for the panel',
        tag: 'unit',
      },
    );
  }
  steps.push(...files);
  // The kiosk turned off leaves no kiosk: its unit stopped, disabled and removed with the file carrying its (revoked) token.
  if (!kiosk)
    steps.push({
      kind: 'retire',
      unit: 'roomctl-kiosk.service',
      unitFile: LAYOUT.kioskUnit,
      files: [LAYOUT.kioskEnv],
      purpose: 'the panel kiosk is off (service.kiosk)',
    });

  const units = kiosk ? ['roomctl.service', 'roomctl-kiosk.service'] : ['roomctl.service'];
  steps.push(
    { kind: 'command', argv: ['udevadm', 'control', '--reload-rules'], underRoot: null, onlyIfChanged: ['udev'], purpose: 'load the new udev rules' },
    {
      kind: 'command',
      argv: ['udevadm', 'trigger', '--action=change', '--subsystem-match=tty', '--subsystem-match=hidraw'],
      underRoot: null,
      onlyIfChanged: ['udev'],
      purpose: 'apply them to devices already plugged in',
    },
    { kind: 'command', argv: ['systemctl', 'daemon-reload'], underRoot: null, onlyIfChanged: ['unit'], purpose: 'read the new unit' },
    ...units.map((unit) => ({
      kind: 'command' as const,
      argv: ['systemctl', 'enable', unit],
      underRoot: (root: string) => ['systemctl', `--root=${root}`, 'enable', unit],
      unlessCheck: {
        argv: ['systemctl', 'is-enabled', '--quiet', unit],
        underRoot: (root: string) => ['systemctl', `--root=${root}`, 'is-enabled', '--quiet', unit],
      },
      purpose: `start ${unit} at boot`,
    })),
    {
      kind: 'command',
      argv: ['systemctl', 'restart', 'roomctl.service'],
      underRoot: null,
      onlyIfChanged: ['config', 'unit', 'udev'],
      purpose: 'run the room with the new config',
    },
    {
      kind: 'command',
      argv: ['systemctl', 'start', 'roomctl.service'],
      underRoot: null,
      unlessCheck: { argv: ['systemctl', 'is-active', '--quiet', 'roomctl.service'], underRoot: null },
      purpose: 'make sure the room runs',
    },
  );
  if (kiosk)
    steps.push({
      kind: 'command',
      argv: ['systemctl', 'restart', 'roomctl-kiosk.service'],
      underRoot: null,
      onlyIfChanged: ['unit'],
      purpose: 'start the panel kiosk',
    });
  return { serviceUser: user, steps };
}
