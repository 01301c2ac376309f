import { RoomctlError } from '../../drivers/core/errors.js';
import type { InviteLinks } from '../meetings/meeting-types.js';
import { onlineMeetingOf, type LinkPolicy, type OnlineMeeting } from './online-meeting-link.js';

/**
 * A meeting's online meeting as the API shows it: `{provider, name, url, meetingId?,
 * passcode?, dialString?}`. A confidential meeting shown to a reader who may not see its
 * details keeps only the service's name (enough for a Join button; the room opens the link
 * itself), never the link, id or passcode.
 */
export type OnlineMeetingView = Omit<OnlineMeeting, 'url'> & { url?: string };

/** What a booking's invitation says about its online meeting, under the room's link policy. */
export function onlineOfBooking(booking: { links?: InviteLinks; description: string }, policy: LinkPolicy): OnlineMeeting | null {
  return onlineMeetingOf({ ...(booking.links ?? {}), description: booking.description }, policy);
}

export function onlineView(online: OnlineMeeting | null, hidden: boolean): OnlineMeetingView | null {
  if (!online) return null;
  return hidden ? { provider: online.provider, name: online.name } : { ...online };
}

/**
 * The links an ad-hoc booking's `online: {url}` becomes, once it is known to be a link the
 * room may open (a known service, an allowed domain) or a SIP/H.323 address to show;
 * anything else is refused, so a booking cannot put an arbitrary page on the room's screen.
 */
export function adHocLinks(url: string, policy: LinkPolicy): InviteLinks {
  const online = onlineMeetingOf({ conference: [url] }, policy);
  const dialOnly = /^(sips?|h323):/i.test(url.trim());
  if (!online || (online.provider === 'sip' ? !dialOnly : !sameLink(online.url, url))) {
    throw new RoomctlError(
      'ROOMCTL_E_ONLINE_LINK_REFUSED',
      `online.url "${url.slice(0, 200)}" is not a meeting link the room may open: not a join link of a known service, nor on a domain in calls.allowDomains, nor a sip:/h323: address`,
      { field: 'online.url' },
    );
  }
  return { conference: [url.trim()] };
}

function sameLink(recognised: string, given: string): boolean {
  try {
    const a = new URL(recognised);
    const b = new URL(given.trim());
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
