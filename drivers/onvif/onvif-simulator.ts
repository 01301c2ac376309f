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
  description:
    'An ONVIF PTZ camera: HTTP SOAP (Device, Media, PTZ, Events) and WS-Discovery. Options: host (default 127.0.0.1), port (default 8899, a common ONVIF port; 80 needs root), ' +
    'username and password (default: no authentication; admin/onvif under the lockout profile), auth (any, ws-security, digest), discoveryPort (default 3702, multicast; 0 for a private port), presets (default 16), quirks (comma-separated profile names).',
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
