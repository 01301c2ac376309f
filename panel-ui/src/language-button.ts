import { html } from 'lit';
import { i18n } from './i18n.js';

/**
 * The language switch the panel and the phone pages show: one tap between English and
 * Chinese, named in the language it switches to, and remembered as this person's choice
 * (the room's language no longer overrides it).
 */
export function languageButton() {
  const toChinese = i18n.locale === 'en';
  return html`<button type="button" class="lang" data-testid="language" aria-label=${toChinese ? '切换到中文' : 'Switch to English'} @click=${() => i18n.setLocale(toChinese ? 'zh-CN' : 'en', true)}>
    ${toChinese ? '中文' : 'EN'}
  </button>`;
}
