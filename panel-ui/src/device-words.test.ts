import { afterEach, expect, it } from 'vitest';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { inPanelLanguage, inputLabel } from './device-words.js';
import { i18n } from './i18n.js';

const display = (traits: Record<string, unknown>, driver = 'pjlink'): DeviceView =>
  ({
    id: 'display',
    name: 'Display',
    names: { en: 'Display', 'zh-CN': '显示屏' },
    driver,
    kind: 'display',
    status: 'ok',
    since: '',
    detail: null,
    state: {},
    capabilities: [{ name: 'input', traits }],
    actions: [],
  }) as DeviceView;

// Set directly: setLocale also tells the page's <html>, which a unit test has not got.
afterEach(() => (i18n.locale = 'en'));

it("calls an input by the config's name in the panel's language", () => {
  const d = display({ inputs: ['31', '52'], labels: { '31': { en: 'Laptop (HDMI 1)', 'zh-CN': '笔记本（HDMI 1）' } } });
  expect(inputLabel('31', d)).toBe('Laptop (HDMI 1)');
  i18n.locale = 'zh-CN';
  expect(inputLabel('31', d)).toBe('笔记本（HDMI 1）');
});

it('never shows a bare code: PJLink codes by their kind and number, names in words', () => {
  const d = display({ inputs: ['11', '31', '52', '6A'] });
  expect(['11', '31', '52', '6A'].map((code) => inputLabel(code, d))).toEqual(['Computer 1', 'Digital 1', 'Network 2', 'Internal 10']);
  i18n.locale = 'zh-CN';
  expect(['31', '52'].map((code) => inputLabel(code, d))).toEqual(['数字 1', '网络 2']);
  expect(inputLabel('hdmi2', display({ inputs: ['hdmi2'] }, 'samsung-mdc'))).toBe('HDMI 2');
});

it("names devices in the panel's language, the one name when the config gives only one", () => {
  const plain = { ...display({}), id: 'cam', name: 'Front camera', names: undefined };
  i18n.locale = 'zh-CN';
  expect(inPanelLanguage([display({}), plain]).map((d) => d.name)).toEqual(['显示屏', 'Front camera']);
});
