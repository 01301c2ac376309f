import { expect, it } from 'vitest';
import { invitationPolicy } from './invitation-policy.js';

it('by default a room takes invitations from the rooms of its own site only', () => {
  const accepts = invitationPolicy('hq/aurora', undefined);
  expect(['hq/borealis', 'hq/aurora', 'sz/lotus', 'hqx/borealis'].filter(accepts)).toEqual(['hq/borealis', 'hq/aurora']);
});

it('acceptFrom names rooms, sites and every room, and replaces the default', () => {
  const rooms = ['hq/borealis', 'sz/lotus', 'sz/bamboo', 'ny/hudson'];
  expect(rooms.filter(invitationPolicy('hq/aurora', ['sz/lotus', 'ny/*']))).toEqual(['sz/lotus', 'ny/hudson']);
  expect(rooms.filter(invitationPolicy('hq/aurora', ['*/*']))).toEqual(rooms);
  expect(rooms.filter(invitationPolicy('hq/aurora', []))).toEqual([]);
});
