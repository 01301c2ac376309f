import type { book } from '../../appliance/meetings/meeting-lifecycle.js';
import { start } from '../../appliance/meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../../appliance/meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from '../../appliance/linked/testing/linked-room-fixture.js';
import type { LinkRecord } from '../../contract/link-records.js';

/**
 * The opening of the membership scenarios: Aurora (site hq) and Hudson (site ny) hold the same
 * invite in their calendars and have heard each other once. Neither takes invitations from the
 * other's site, so each is a room of the meeting for the other only by its proof. `options`: each
 * room's `meetings.links` (Aurora's, Hudson's).
 * `auroraStarts()` moves both rooms' clocks a second on and starts the meeting in Aurora (which
 * keeps the time); Aurora's records reach Hudson, then the two exchange what they have. It
 * answers the records Aurora sent for the start: what any room on the broker can read.
 */
export function auroraAndHudsonHoldTheInvite(
  fixtures: RoomFixture[],
  booking: Parameters<typeof book>[1],
  options: Parameters<typeof sameInviteInTwoRooms>[3] = {},
) {
  const lab = sameInviteInTwoRooms(
    fixtures,
    booking,
    [
      ['hq/aurora', 'Aurora'],
      ['ny/hudson', 'Hudson'],
    ],
    options,
  );
  const [aurora, hudson] = lab.rooms;
  const [inAurora, inHudson] = lab.meetings;
  lab.exchange();
  const auroraStarts = async (): Promise<LinkRecord[]> => {
    await lab.aSecondLater();
    start(aurora.ctx, inAurora);
    aurora.rooms.sync();
    const fromAurora = aurora.sent();
    for (const r of fromAurora) hudson.rooms.receive(r);
    lab.exchange();
    return fromAurora;
  };
  return { ...lab, aurora, hudson, inAurora, inHudson, auroraStarts };
}
