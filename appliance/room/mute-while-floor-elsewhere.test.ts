import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { muteWhileFloorElsewhere } from './mute-while-floor-elsewhere.js';
import { recordingRoomMute } from './testing/recording-room-mute.js';

const move = (floor: EventEmitter, elsewhere: boolean) => floor.emit('floor', { meetingId: 'm1', room: elsewhere ? 'sz/lotus' : null, elsewhere });

it('mutes while another room holds the floor and opens again after, but leaves a mute people chose themselves', () => {
  const floor = new EventEmitter();
  const mute = recordingRoomMute(false);
  const stop = muteWhileFloorElsewhere(floor, mute, true);
  move(floor, true);
  move(floor, false);
  expect(mute.calls).toEqual(['mute by floor', 'unmute by floor']);
  stop();

  const chosen = recordingRoomMute(true); // muted on the panel before the floor moved
  muteWhileFloorElsewhere(floor, chosen, true);
  move(floor, true);
  move(floor, false);
  expect(chosen.calls).toEqual([]);
});

it('does nothing unless meetings.floor.muteOthers is set', () => {
  const floor = new EventEmitter();
  const mute = recordingRoomMute(false);
  muteWhileFloorElsewhere(floor, mute, false);
  move(floor, true);
  expect(mute.calls).toEqual([]);
});
