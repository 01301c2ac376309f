import type { OnlineMeeting } from './online-meeting-link.js';

/**
 * The page the room's browser opens for a meeting: the invitation's link, except where the
 * service lets a link go straight to its web client — Zoom's `/wc/join/<id>` (its "join from
 * your browser", instead of the page that offers the app), and Jitsi's URL settings that
 * name the room and skip the pre-join screen, so Join is one touch there.
 */
export function joinUrlFor(online: Pick<OnlineMeeting, 'provider' | 'url' | 'meetingId'>, roomName: string): string {
  const url = new URL(online.url);
  if (online.provider === 'zoom' && online.meetingId && /^\/j\/\d+/.test(url.pathname)) {
    url.pathname = `/wc/join/${online.meetingId}`;
  } else if (online.provider === 'jitsi') {
    url.hash = `config.prejoinConfig.enabled=false&userInfo.displayName=${encodeURIComponent(JSON.stringify(roomName))}`;
  }
  return url.href;
}
