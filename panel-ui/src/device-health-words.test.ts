/**
 * The words the panel uses for a device in trouble and for a refusal: every status of the
 * vocabulary — and one it does not have yet — reads as a plain sentence with the device's
 * name and counts as "cannot take commands" unless it is ok or degraded; every coded error
 * of the catalog turns into words without a code or a path, the code beside them only where the
 * words cannot explain it. (The Chinese side of each text
 * is checked by panel-translations.test.ts beside this file.)
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_STATUSES } from '../../drivers/core/definition.js';
import { ERROR_CATALOG, type ErrorCode } from '../../drivers/core/errors.js';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { deviceProblem, isUsable, namesAndCount, namesAndCountToFit, troubledDevices, whyUnavailable } from './device-health-words.js';
import { i18n } from './i18n.js';
import { refusalWords, unexplainedCode } from './refusal-words.js';

const DEVELOPER_WORDS = /ROOMCTL_E_|PANEL_E_|\/tmp\/|\/dev\/|undefined|\{/;
// Read as plain strings: the vocabulary may grow (a status added later must still read well).
const STATUSES: string[] = [...DEVICE_STATUSES, 'auth-failed', 'some-status-from-the-future'];

function device(status: string): DeviceView {
  return {
    id: 'cam-front',
    name: 'Front camera',
    driver: 'visca-serial',
    kind: 'camera',
    status: status as DeviceView['status'],
    since: '',
    detail: 'ROOMCTL_E_PORT_NOT_FOUND: /tmp/x/cam-front',
    state: {},
    capabilities: [],
    actions: [],
  };
}

describe('panel device words', () => {
  it('names every troubled status in a sentence, and only ok and degraded devices take commands', () => {
    for (const status of STATUSES) {
      const d = device(status);
      expect(isUsable(d), status).toBe(status === 'ok' || status === 'degraded');
      const words = deviceProblem(d, true);
      expect(words, status).toMatch(/^Front camera /);
      expect(words, status).not.toMatch(DEVELOPER_WORDS);
      expect(whyUnavailable(d), status).not.toMatch(DEVELOPER_WORDS);
    }
    expect(deviceProblem(device('offline'), true)).toBe('Front camera is offline — facilities have been told.');
    expect(deviceProblem(device('auth-failed'), false)).toBe('Front camera does not accept the room’s login — call facilities if you need it.');
    expect(troubledDevices(STATUSES.map(device)).map((d) => d.status)).toEqual(STATUSES.filter((s) => s !== 'ok' && s !== 'connecting'));
  });

  it('turns every coded error into words without the code or a path', () => {
    const codes = [...Object.keys(ERROR_CATALOG), 'PANEL_E_NETWORK', 'PANEL_E_BAD_RESPONSE'] as ErrorCode[];
    for (const code of codes) {
      const words = refusalWords({ code }, [device('offline')], '/api/v1/devices/cam-front/actions/preset.recall');
      expect(words, code).not.toMatch(DEVELOPER_WORDS);
      expect(words.length, code).toBeGreaterThan(10);
      // The code is shown (on its own line) exactly where the words cannot say more than "call for help".
      const generic = words === 'The room could not do that. Try again, or call for help.';
      expect(unexplainedCode({ code }), code).toBe(generic ? code : undefined);
    }
    expect(refusalWords({ code: 'ROOMCTL_E_DEVICE_REJECTED' }, [device('ok')], '/api/v1/devices/cam-front/actions/preset.recall')).toBe(
      'Front camera refused: it may be switched off or busy. Try again, or call for help.',
    );
  });

  it('says after a command whose outcome is unknown to look at the device before sending it again, in each language and without the code', () => {
    const path = '/api/v1/devices/cam-front/actions/preset.recall';
    const unknown = { code: 'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN' } as const;
    expect(refusalWords(unknown, [device('ok')], path)).toBe(
      'Front camera lost its connection in the middle of that, so it may have done it. Look at Front camera before you try again.',
    );
    expect(unexplainedCode(unknown)).toBeUndefined();
    i18n.locale = 'zh-CN';
    try {
      expect(refusalWords(unknown, [{ ...device('ok'), name: '前置摄像头' }], path)).toBe(
        '前置摄像头在执行途中断开了连接，可能已经执行。请先查看前置摄像头的状态，再决定是否重试。',
      );
    } finally {
      i18n.locale = 'en';
    }
    // The refusals a panel meets that have something to do about them: none of them left at "call for help" with a code.
    const withSomethingToDo = [
      'ROOMCTL_E_DEVICE_FOLLOWS_ROOM',
      'ROOMCTL_E_RATE_LIMITED',
      'ROOMCTL_E_MEETING_NOT_FOUND',
      'ROOMCTL_E_MINUTES_SENT',
      'ROOMCTL_E_MEDIA_UNAVAILABLE',
    ] as const;
    for (const code of withSomethingToDo) expect(unexplainedCode({ code }), code).toBeUndefined();
  });

  it('names two devices and counts the rest (three in full), in each language', () => {
    expect(namesAndCount(['Front camera', 'Display', 'Rear camera'])).toBe('Front camera, Display, Rear camera');
    expect(namesAndCount(['Front camera', 'Display', 'Rear camera', 'Side camera'])).toBe('Front camera, Display and 2 more');
    // Set directly: setLocale also tells the page's <html>, which a unit test has not got.
    i18n.locale = 'zh-CN';
    try {
      expect(namesAndCount(['前置摄像头', '显示屏', '后置摄像头', '侧面摄像头'])).toBe('前置摄像头、显示屏及另外 2 个设备');
    } finally {
      i18n.locale = 'en';
    }
  });

  it('cuts long names, never the count, when told how long a name may be', () => {
    const long = 'Front camera (PTZ, ceiling) over the north whiteboard, by the courtyard window';
    const names = [long, 'Display', 'Rear camera', 'Side camera', 'Ceiling microphone', 'Speakerphone', 'Badge reader'];
    expect(namesAndCount(names, 2, 20)).toBe('Front camera (PTZ…, Display and 5 more');
    expect(namesAndCount(names, 2, 13)).toBe('Front camera…, Display and 5 more');
    // For a toast: the full phrase, then ever shorter names, each ending in the same count.
    const fit = namesAndCountToFit(names);
    expect(fit.text).toBe(`${long}, Display and 5 more`);
    expect(fit.shorter.map((words) => words.length)).toEqual([...fit.shorter.map((words) => words.length)].sort((a, b) => b - a));
    for (const words of fit.shorter) expect(words).toMatch(/^Front[^…]*…, .* and 5 more$/);
    // A name without spaces is cut where the count of characters says; short names stay whole.
    expect(namesAndCount(['Supercalifragilistic', 'TV'], 2, 8)).toBe('Superca…, TV');
    i18n.locale = 'zh-CN';
    try {
      expect(namesAndCount(['前置摄像头（吸顶云台），位于北墙白板上方', '显示屏', '后置摄像头', '侧面摄像头'], 2, 6)).toBe(
        '前置摄像头…、显示屏及另外 2 个设备',
      );
    } finally {
      i18n.locale = 'en';
    }
  });
});
