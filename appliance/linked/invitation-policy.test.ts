import { expect, it } from 'vitest';
import { invitationPolicy, withoutProofPolicy } from './invitation-policy.js';

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

it('by default no room takes part without proof; withoutProof names rooms and sites for an upgrade', () => {
  const rooms = ['hq/borealis', 'sz/lotus', 'sz/bamboo', 'ny/hudson'];
  expect(rooms.filter(withoutProofPolicy(undefined))).toEqual([]);
  expect(rooms.filter(withoutProofPolicy(['sz/*', 'hq/borealis']))).toEqual(['hq/borealis', 'sz/lotus', 'sz/bamboo']);
});
