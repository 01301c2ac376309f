import { Type } from '@sinclair/typebox';
import { actionList } from '../core/capabilities.js';

function badgeStatus() {
  return {
    name: 'badge-reader',
    actions: actionList([
      { name: 'status', description: 'Badges read since connect, and bursts thrown away as noise.', params: Type.Object({}, { additionalProperties: false }) },
    ]),
  };
}

/** Everything the driver declares: its handler table is typed from it. */
export function badgeReaderCapabilities() {
  return [badgeStatus()] as const;
}

export type BadgeReaderCapabilities = ReturnType<typeof badgeReaderCapabilities>;
