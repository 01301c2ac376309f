/**
 * A device issue's summary in the operator's language. A device's error travels as
 * `{code, message}`: the code says what is wrong in words chosen here, in both languages
 * (fleet-device-fault-words.test.ts fails for a code a driver can report without them); the
 * device's own message — English, with its address or port — stays beside it as the detail.
 */
import { ft } from './fleet-words.js';

export const DEVICE_FAULT_WORDS: Record<string, string> = {
  ROOMCTL_E_DEVICE_OFFLINE: 'Not connected',
  ROOMCTL_E_DEVICE_TIMEOUT: 'Does not answer',
  ROOMCTL_E_DEVICE_REJECTED: 'Refuses what the room asks of it',
  ROOMCTL_E_DEVICE_BUSY: 'Busy (warming up or overloaded)',
  ROOMCTL_E_DEVICE_AUTH: 'Wrong password',
  ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN: 'Lost its link in the middle of a command',
  ROOMCTL_E_DEVICE_NOT_FOUND: "Not in the room's configuration",
  ROOMCTL_E_PROTOCOL: 'Answers in a way the room cannot read',
  ROOMCTL_E_PORT_NOT_FOUND: 'Its serial port is missing (a cable unplugged?)',
  ROOMCTL_E_PORT_IN_USE: 'Its serial port is held by another program',
  ROOMCTL_E_CONNECT_FAILED: 'Cannot be reached over the network',
  ROOMCTL_E_NOT_SUPPORTED: 'This model cannot do what the room asks of it',
  ROOMCTL_E_CONFIG_INVALID: "Set up wrongly in the room's configuration",
  ROOMCTL_E_UNKNOWN_DRIVER: "The room's software does not know this kind of device",
  ROOMCTL_E_ACTION_NOT_FOUND: 'Was sent a command it does not have',
  ROOMCTL_E_ACTION_PARAMS: 'Was sent a command with values it cannot take',
  ROOMCTL_E_STILL_INVALID: "Its camera's still picture cannot be used",
  ROOMCTL_E_DEPENDENCY_MISSING: 'Software the room needs for it is missing',
  ROOMCTL_E_INTERNAL: "Failed inside the room's software",
};

/**
 * A failed self-test check's code (one per kind of check, appliance/meetings/self-test-advice.ts)
 * in words that follow a device's name ("Projector: did not turn on…"); the online call's two
 * are the room's, and name no device.
 */
export const SELF_TEST_FAULT_WORDS: Record<string, string> = {
  ROOMCTL_E_SELFTEST_UNREACHABLE: 'Could not be reached in the self-test',
  ROOMCTL_E_SELFTEST_NO_POWER: 'Did not power on in the self-test',
  ROOMCTL_E_SELFTEST_NO_ANSWER: 'Did not answer in the self-test',
  ROOMCTL_E_SELFTEST_CAMERA_STUCK: 'Did not move to its home position in the self-test',
  ROOMCTL_E_SELFTEST_NO_PICTURE: 'Did not turn on in the self-test (no picture)',
  ROOMCTL_E_SELFTEST_MIC_SILENT: 'Heard nothing in the self-test',
  ROOMCTL_E_SELFTEST_CALL_UNREACHABLE: "Cannot reach the online meeting's service (self-test)",
  ROOMCTL_E_SELFTEST_CALL_BROWSER: "The online call's browser does not start (self-test)",
};

/** A room check's code that names no device (the room's storage check, appliance/store/storage-faults.ts), in words that follow "The room:". */
export const ROOM_FAULT_WORDS: Record<string, string> = {
  ROOMCTL_E_STORAGE_TELEMETRY_HELD: 'Its data folder is full: what it reports is held in memory, and lost past its bounds',
  ROOMCTL_E_STORAGE: 'Its data folder refuses writes: bookings, check-ins and notes made there are not saved',
};

/** The words for a device error's, a failed self-test check's or a room check's code in the operator's language; null for a code without words (the device's own text is shown). */
export function deviceFaultWords(code: string | null | undefined): string | null {
  const words = code ? (DEVICE_FAULT_WORDS[code] ?? SELF_TEST_FAULT_WORDS[code] ?? ROOM_FAULT_WORDS[code]) : undefined;
  return words ? ft(words) : null;
}
