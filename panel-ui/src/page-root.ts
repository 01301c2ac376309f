import { i18n } from './i18n.js';

/**
 * A page's start (the panel's and the phones'): the document in the page's language, and the
 * page's element, made if the page's file has none. A phone page follows the phone's own
 * language until the room's arrives, when it is Chinese and no one chose a language here.
 */
export function pageRoot<K extends keyof HTMLElementTagNameMap>(tag: K, options: { phone?: boolean } = {}): HTMLElementTagNameMap[K] {
  if (options.phone && !i18n.chosenHere && navigator.language.toLowerCase().startsWith('zh')) i18n.setLocale('zh-CN');
  document.documentElement.lang = i18n.locale;
  return document.querySelector(tag) ?? document.body.appendChild(document.createElement(tag));
}
