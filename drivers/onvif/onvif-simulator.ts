import { RoomctlError } from '../core/errors.js';
import { defineSimulator } from '../sim/define-simulator.js';
import { startOnvifSimulator } from './onvif-camera-simulator.js';
import type { OnvifAuthMode } from './onvif-sim-auth.js';
import { EIGHT_PRESETS, ONVIF_QUIRKS, parseOnvifQuirks } from './onvif-sim-quirks.js';
import { ONVIF_PRESETS } from './onvif-ptz-state.js';

const AUTH_MODES: readonly OnvifAuthMode[] = ['any', 'ws-security', 'digest'];

/** The account a `lockout` camera checks when no --username/--password is given (a lock-out needs a password). */
export const LOCKOUT_ACCOUNT = { username: 'admin', password: 'onvif' } as const;

export const onvifSimulator = defineSimulator({
  driver: 'onvif',
  description: 'An ONVIF PTZ camera: HTTP SOAP (Device, Media, PTZ, Events) and WS-Discovery.',
  options: [
    { name: 'host', value: 'HOST', description: 'the address it serves on', default: '127.0.0.1' },
    { name: 'port', value: 'PORT', description: 'its HTTP port; 8899 is a common ONVIF port, 80 needs root', default: 8899 },
    {
      name: 'username',
      value: 'NAME',
      description: 'asks for this login, with --password',
      quirkDefaults: { lockout: LOCKOUT_ACCOUNT.username },
    },
    { name: 'password', value: 'TEXT', description: 'the password of --username', quirkDefaults: { lockout: LOCKOUT_ACCOUNT.password } },
    { name: 'auth', value: 'MODE', choices: AUTH_MODES, description: `how the login is sent: ${AUTH_MODES.join(', ')}` },
    { name: 'discoveryPort', value: 'PORT', description: 'WS-Discovery, multicast; 0 for a private port', default: 3702 },
    { name: 'presets', value: 'N', description: 'how many presets it keeps', default: ONVIF_PRESETS, quirkDefaults: { 'eight-presets': EIGHT_PRESETS } },
  ],
  quirks: ONVIF_QUIRKS,
  async start({ host, port, discoveryPort, presets, username, password, auth: mode, ...options }) {
    const quirks = parseOnvifQuirks(options.quirks);
    if (presets > 255) throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', '--presets must be 0..255', { allowed: '0..255' });
    if ((username === undefined) !== (password === undefined)) {
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', 'give both --username and --password, or neither');
    }
    return startOnvifSimulator({
      host,
      port,
      discovery: { port: discoveryPort },
      ptz: { maxPresets: presets },
      quirks,
      ...(username !== undefined ? { auth: { username, password: password!, mode } } : {}),
    });
  },
});
