import { RoomctlError } from '../core/errors.js';
import type { SimulatorDefinition } from '../sim/simulator.js';
import { startOnvifSimulator } from './onvif-camera-simulator.js';
import type { OnvifAuthMode } from './onvif-sim-auth.js';
import { ONVIF_QUIRKS, parseOnvifQuirks } from './onvif-sim-quirks.js';

const AUTH_MODES: OnvifAuthMode[] = ['any', 'ws-security', 'digest'];

/** The account a `lockout` camera checks when no --username/--password is given (a lock-out needs a password). */
export const LOCKOUT_ACCOUNT = { username: 'admin', password: 'onvif' } as const;

export const onvifSimulator: SimulatorDefinition = {
  driver: 'onvif',
  description: 'An ONVIF PTZ camera: HTTP SOAP (Device, Media, PTZ, Events) and WS-Discovery.',
  options: [
    { name: 'host', value: 'HOST', description: 'the address it serves on (default 127.0.0.1)' },
    { name: 'port', value: 'PORT', description: 'its HTTP port (default 8899, a common ONVIF port; 80 needs root)' },
    { name: 'username', value: 'NAME', description: 'asks for this login, with --password (default: none; admin/onvif under lockout)' },
    { name: 'password', value: 'TEXT', description: 'the password of --username' },
    { name: 'auth', value: 'MODE', description: `how the login is sent: ${AUTH_MODES.join(', ')}` },
    { name: 'discoveryPort', value: 'PORT', description: 'WS-Discovery (default 3702, multicast; 0 for a private port)' },
    { name: 'presets', value: 'N', description: 'how many presets it keeps (default 16)' },
  ],
  quirks: ONVIF_QUIRKS,
  async start(options) {
    const quirks = parseOnvifQuirks(options.quirks);
    const port = options.port === undefined ? 8899 : Number(options.port);
    const discoveryPort = options.discoveryPort === undefined ? 3702 : Number(options.discoveryPort);
    const presets = options.presets === undefined ? 16 : Number(options.presets);
    for (const [name, value, max] of [
      ['port', port, 65535],
      ['discoveryPort', discoveryPort, 65535],
      ['presets', presets, 255],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value > max)
        throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `--${name} must be an integer 0..${max}`, { allowed: `0..${max}` });
    }
    const mode = options.auth as OnvifAuthMode | undefined;
    if (mode !== undefined && !AUTH_MODES.includes(mode))
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `unknown auth mode '${mode}'`, { allowed: AUTH_MODES });
    if ((options.username === undefined) !== (options.password === undefined)) {
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', 'give both --username and --password, or neither');
    }
    return startOnvifSimulator({
      host: options.host ?? '127.0.0.1',
      port,
      discovery: { port: discoveryPort },
      ptz: options.presets === undefined && quirks.includes('eight-presets') ? {} : { maxPresets: presets },
      quirks,
      ...(options.username !== undefined
        ? { auth: { username: options.username, password: options.password!, mode } }
        : quirks.includes('lockout')
          ? { auth: LOCKOUT_ACCOUNT }
          : {}),
    });
  },
};
