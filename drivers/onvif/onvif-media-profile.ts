import { RoomctlError } from '../core/errors.js';
import type { OnvifSession } from './onvif-session.js';

interface MediaProfile {
  token: string;
  name: string;
  /** Whether the profile has a PTZ configuration (one without cannot pan or tilt). */
  ptz: boolean;
  ptzConfiguration: string;
}

/**
 * The media profile the driver drives: the configured one, else the camera's active source's,
 * else the first with PTZ. A missing profile, or one without PTZ, is a coded refusal that says
 * which profiles the camera has.
 */
export function chooseMediaProfile(cam: OnvifSession['cam'], wanted: string | undefined): { profile: MediaProfile; profiles: MediaProfile[] } {
  const profiles = (cam.profiles ?? []).map((p) => ({
    token: String(p.$?.token ?? ''),
    name: String(p.name ?? ''),
    ptz: p.PTZConfiguration !== undefined,
    ptzConfiguration: String((p.PTZConfiguration as { $?: { token?: unknown } } | undefined)?.$?.token ?? ''),
  }));
  const profile = wanted
    ? profiles.find((p) => p.token === wanted)
    : (profiles.find((p) => p.token === String(cam.activeSource?.profileToken)) ?? profiles.find((p) => p.ptz));
  if (!profile) {
    throw new RoomctlError('ROOMCTL_E_CONNECT_FAILED', wanted ? `camera has no media profile '${wanted}'` : 'camera has no media profile with video', {
      allowed: profiles.map((p) => p.token),
    });
  }
  if (!profile.ptz)
    throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `profile '${profile.token}' has no PTZ configuration: this camera cannot pan or tilt`, {
      profile: profile.token,
    });
  return { profile, profiles };
}
