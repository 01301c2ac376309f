import { expect, it } from 'vitest';
import { joinUrlFor } from './join-url.js';
import { onlineMeetingOf } from './online-meeting-link.js';

const online = (link: string) => onlineMeetingOf({ location: link })!;

it("opens Zoom's web client, keeping the passcode", () => {
  expect(joinUrlFor(online('https://us06web.zoom.us/j/85012345678?pwd=aBcD.1'), 'Aurora')).toBe('https://us06web.zoom.us/wc/join/85012345678?pwd=aBcD.1');
  // A personal room's vanity link has no id to put there: opened as it is.
  expect(joinUrlFor(online('https://zoom.us/my/acme.budget'), 'Aurora')).toBe('https://zoom.us/my/acme.budget');
});

it('names the room in Jitsi and skips its pre-join screen', () => {
  expect(joinUrlFor(online('https://meet.jit.si/BudgetReview2026'), '极光 Aurora')).toBe(
    `https://meet.jit.si/BudgetReview2026#config.prejoinConfig.enabled=false&userInfo.displayName=${encodeURIComponent('"极光 Aurora"')}`,
  );
});

it('opens every other link as the invitation gives it', () => {
  const teams = 'https://teams.microsoft.com/meet/21834567890123?p=Xk3fTq9bA2';
  expect(joinUrlFor(online(teams), 'Aurora')).toBe(teams);
});
