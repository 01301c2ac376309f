import { ApiError } from './api-client.js';
import { t } from './i18n.js';
import { SHARED_REFUSALS } from './shared-refusal-words.js';

/** A refusal as the booking page says it: words a person acts on, the code for support, the fields to mark. */
export interface Refusal {
  text: string;
  code: string;
  /** Paths of the fields the appliance named (details.issues[].path, e.g. body.title). */
  fields: string[];
  /** The code cannot book (wrong or old): the form goes, only a new scan helps. */
  needsNewScan: boolean;
}

/** The fields a refusal can name, in the words of the form. */
const FIELD_WORDS: Record<string, () => string> = {
  'body.minutes': () => t('How long'),
  'body.start': () => t('Start'),
  'body.title': () => t('Title'),
  'body.organiser.name': () => t('Your name'),
  'body.organiser.email': () => t('Email (optional)'),
};

const couldNot = () => t('The room could not take the booking. Try again in a moment.');

export function refusalOf(err: unknown): Refusal {
  const e = err instanceof ApiError ? err : new ApiError({ code: 'PANEL_E_BAD_RESPONSE', message: String(err) }, 0);
  const fields = ((e.details as { issues?: { path: string }[] } | undefined)?.issues ?? []).map((i) => i.path);
  const words: Record<string, () => string> = {
    // Too far ahead, or the room's day's worth of bookings made from the door and the panel: the calendar still books it.
    ROOMCTL_E_BOOKING_LIMIT: () => SHARED_REFUSALS.ROOMCTL_E_BOOKING_LIMIT!(e.details),
    ROOMCTL_E_STORAGE: () => SHARED_REFUSALS.ROOMCTL_E_STORAGE!(e.details),
    ROOMCTL_E_DOOR_CODE_EXPIRED: () => t('This QR code has expired. Scan the QR code on the door again.'),
    ROOMCTL_E_UNAUTHORIZED: () => t('This link does not work. Scan the QR code on the door again.'),
    ROOMCTL_E_DOOR_CODE_USED_UP: () => t('This QR code has made enough bookings. Scan the QR code on the door again in a few minutes.'),
    ROOMCTL_E_BOOKING_CONFLICT: () => t('Someone has just booked that time. Pick another one.'),
    ROOMCTL_E_BAD_REQUEST: () => (fields.length ? t('Please check: {fields}', { fields: fields.map((f) => FIELD_WORDS[f]?.() ?? f).join(', ') }) : couldNot()),
    PANEL_E_NETWORK: () => t('The room could not be reached. Check your Wi-Fi and try again.'),
  };
  return {
    // Any other refusal in the page's words too; the room's English message is for whoever fixes it, the code beside the words for support.
    text: words[e.code]?.() ?? couldNot(),
    code: e.code,
    fields,
    needsNewScan: e.code === 'ROOMCTL_E_DOOR_CODE_EXPIRED' || e.code === 'ROOMCTL_E_UNAUTHORIZED',
  };
}
