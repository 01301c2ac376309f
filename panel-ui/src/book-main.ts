/**
 * The booking page a phone opens from the door panel's QR code (/book#code=…). The door
 * code rides in the fragment, which the browser never sends in a request, so it stays out
 * of every log; the page sends it as X-Door-Code. (?code= works too, for hand-typed links.)
 */
import { i18n } from './i18n.js';
import './book-page.js';

const url = new URL(window.location.href);
const code = new URLSearchParams(url.hash.slice(1)).get('code') ?? url.searchParams.get('code') ?? '';
// Until the room's language arrives: the phone's own, if it is Chinese.
if (!i18n.chosenHere && navigator.language.toLowerCase().startsWith('zh')) i18n.setLocale('zh-CN');
document.documentElement.lang = i18n.locale;
const page = document.querySelector('book-page') ?? document.body.appendChild(document.createElement('book-page'));
page.code = code;
