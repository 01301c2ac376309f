/** Where a provisioned room lives on the mini-PC (prefixed by --root when testing). */
export const LAYOUT = {
  configDir: '/etc/roomctl',
  config: '/etc/roomctl/room.yaml',
  secrets: '/etc/roomctl/secrets.yaml',
  /** Each file as IT left it, when a run could not edit it in place and wrote it fresh. */
  configBeforeRewrite: '/etc/roomctl/room.yaml.before-rewrite',
  secretsBeforeRewrite: '/etc/roomctl/secrets.yaml.before-rewrite',
  /** What the last run wrote from the answers (secrets by digest): the next run tells its own values from hand edits by it. */
  answeredRecord: '/etc/roomctl/provisioned-answers.json',
  mqttDir: '/etc/roomctl/mqtt',
  mqttKey: '/etc/roomctl/mqtt/room.key',
  mqttCsr: '/etc/roomctl/mqtt/room.csr',
  /** Where IT puts the certificate the CA signed; the next provisioning run wires it in. */
  mqttCert: '/etc/roomctl/mqtt/room.crt',
  mqttCa: '/etc/roomctl/mqtt/ca.pem',
  mosquittoAcl: '/etc/roomctl/mqtt/mosquitto-acl.conf',
  emqxAcl: '/etc/roomctl/mqtt/emqx-acl.conf',
  kioskEnv: '/etc/roomctl/kiosk.env',
  udevRules: '/etc/udev/rules.d/70-roomctl.rules',
  unit: '/etc/systemd/system/roomctl.service',
  kioskUnit: '/etc/systemd/system/roomctl-kiosk.service',
} as const;
