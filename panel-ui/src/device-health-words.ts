import type { DeviceView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';

/**
 * A device's health in the words of the people in the room: no codes, no paths, no driver
 * names (those are for the admin view). Statuses are read as strings, so a status this panel
 * does not know yet counts as "not working" rather than breaking the build or the screen.
 */

/** Ok and degraded devices take commands; everything else cannot. */
export function isUsable(device: Pick<DeviceView, 'status'>): boolean {
  const status: string = device.status;
  return status === 'ok' || status === 'degraded';
}

/** Devices that a person should hear about: not ok, and not merely (re)connecting a moment. */
export function troubledDevices(devices: readonly DeviceView[]): DeviceView[] {
  return devices.filter((d) => {
    const status: string = d.status;
    return status !== 'ok' && status !== 'connecting';
  });
}

/**
 * "Front camera is offline — facilities have been told." `reported`: the room reports its
 * faults to facilities (it has a fleet link); otherwise the person is asked to call them.
 */
export function deviceProblem(device: Pick<DeviceView, 'name' | 'status'>, reported: boolean): string {
  const name = device.name;
  const status: string = device.status;
  const state =
    status === 'degraded'
      ? t('{name} is not working fully', { name })
      : status === 'offline'
        ? t('{name} is offline', { name })
        : status === 'auth-failed'
          ? t('{name} does not accept the room’s login', { name })
          : status === 'bad_config'
            ? t('{name} is not set up correctly', { name })
            : status === 'connecting'
              ? t('{name} is connecting…', { name })
              : t('{name} is not available', { name });
  if (status === 'connecting') return state;
  return reported ? t('{problem} — facilities have been told.', { problem: state }) : t('{problem} — call facilities if you need it.', { problem: state });
}

/** Said next to a control that is off because its device cannot take commands. */
export function whyUnavailable(device: Pick<DeviceView, 'name' | 'status'>): string {
  const status: string = device.status;
  if (status === 'connecting') return t('{name} is connecting; its controls come back when it answers.', { name: device.name });
  return t('{name} cannot be used right now, so its controls are off.', { name: device.name });
}

/**
 * Device names in one short phrase: two names and a count ("Front camera, Display and 5
 * more"); three or fewer in full, since "and 1 more" is no shorter than the third name.
 * `longest`: a name longer than this many characters is cut to it, ending in "…" — where room
 * is short the names give way, never the count.
 */
export function namesAndCount(names: readonly string[], shown = 2, longest = Number.POSITIVE_INFINITY): string {
  const cut = names.map((name) => shortened(name, longest));
  if (names.length <= shown + 1) return cut.join(t(', '));
  return t('{names} and {n} more', { names: cut.slice(0, shown).join(t(', ')), n: names.length - shown });
}

/**
 * `namesAndCount` for a box of fixed size (the self-test's toast): the phrase, and the same
 * with the names cut ever shorter, for the box to show the longest that fits — so the count
 * always shows however long a device's name.
 */
export function namesAndCountToFit(names: readonly string[]): { text: string; shorter: string[] } {
  return { text: namesAndCount(names), shorter: [32, 20, 13, 6].map((longest) => namesAndCount(names, 2, longest)) };
}

/** A name cut to `longest` characters with its "…", at a space when one falls in its second half, without a dangling comma or bracket. */
function shortened(name: string, longest: number): string {
  const chars = [...name];
  if (chars.length <= longest) return name;
  let kept = chars.slice(0, Math.max(1, longest - 1)).join('');
  const space = kept.lastIndexOf(' ');
  if (space >= kept.length / 2) kept = kept.slice(0, space);
  return `${kept.replace(/[\s,;:(（，、·-]+$/u, '')}…`;
}
