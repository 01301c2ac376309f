/**
 * The phone page a meeting's QR code opens (/meeting/:id?code=…): check in, follow the
 * agenda, take notes, decisions and action items. It sends the meeting code, never a token;
 * opened from a minutes email it also sends that person's link (`reader=`).
 */
import { ApiClient } from './api-client.js';
import './meeting-page.js';
import { pageRoot } from './page-root.js';

const id = decodeURIComponent(window.location.pathname.split('/').filter(Boolean)[1] ?? '');
const params = new URL(window.location.href).searchParams;
const api = new ApiClient(null);
api.meetingCode = params.get('code');
// A personal link from the minutes email proves who reads (confidential minutes) and lets the organiser amend.
api.minutesReader = params.get('reader');
const page = pageRoot('meeting-page', { phone: true });
page.meetingId = id;
page.api = api;
