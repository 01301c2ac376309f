/**
 * The booking page a phone opens from the door panel's QR code (/book#code=…). The door
 * code rides in the fragment, which the browser never sends in a request, so it stays out
 * of every log; the page sends it as X-Door-Code. (?code= works too, for hand-typed links.)
 */
import './book-page.js';
import { pageRoot } from './page-root.js';

const url = new URL(window.location.href);
const code = new URLSearchParams(url.hash.slice(1)).get('code') ?? url.searchParams.get('code') ?? '';
pageRoot('book-page', { phone: true }).code = code;
