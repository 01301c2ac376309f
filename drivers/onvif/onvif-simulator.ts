import { RoomctlError } from '../core/errors.js';
import { defineSimulator } from '../sim/define-simulator.js';
import { startOnvifSimulator } from './onvif-camera-simulator.js';
import type { OnvifAuthMode } from './onvif-sim-auth.js';
import { ONVIF_QUIRKS, parseOnvifQuirks } from './onvif-sim-quirks.js';

const AUTH_MODES: readonly OnvifAuthMode[] = ['any', 'ws-security', 'digest'];

/** The account a `lockout` camera checks when no --username/--password is given (a lock-out needs a password). */
export const LOCKOUT_ACCOUNT = { username: 'admin', password: 'onvif' } as const;

export const onvifSimulator = defineSimulator({
  driver: 'onvif',
  description: 'An ONVIF PTZ camera: HTTP SOAP (Device, Media, PTZ, Events) and WS-Discovery.',
  options: [
    { name: 'host', value: 'HOST', description: 'the address it serves on (default 127.0.0.1)' },
    { name: 'port', value: 'PORT', description: 'its HTTP port (default 8899, a common ONVIF port; 80 needs root)' },
    { name: 'username', value: 'NAME', description: 'asks for this login, with --password (default: none; admin/onvif under lockout)' },
    { name: 'password', value: 'TEXT', description: 'the password of --username' },
    { name: 'auth', value: 'MODE', choices: AUTH_MODES, description: `how the login is sent: ${AUTH_MODES.join(', ')}` },
    { name: 'discoveryPort', value: 'PORT', description: 'WS-Discovery (default 3702, multicast; 0 for a private port)' },
    { name: 'presets', value: 'N', description: 'how many presets it keeps (default 16)' },
  ],
  quirks: ONVIF_QUIRKS,
  async start({ host = '127.0.0.1', port = 8899, discoveryPort = 3702, presets, username, password, auth: mode, ...options }) {
    const quirks = parseOnvifQuirks(options.quirks);
    if (presets !== undefined && presets > 255) throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', '--presets must be 0..255', { allowed: '0..255' });
    if ((username === undefined) !== (password === undefined)) {
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', 'give both --username and --password, or neither');
    }
    return startOnvifSimulator({
      host,
      port,
      discovery: { port: discoveryPort },
      ptz: presets === undefined && quirks.includes('eight-presets') ? {} : { maxPresets: presets ?? 16 },
      quirks,
      ...(username !== undefined ? { auth: { username, password: password!, mode } } : quirks.includes('lockout') ? { auth: LOCKOUT_ACCOUNT } : {}),
    });
  },
});
