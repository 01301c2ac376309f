/**
 * The calls module's store change: a booking keeps the links of its invitation (RFC 7986
 * CONFERENCE, Teams' meeting URL, URL, LOCATION) as JSON, so the online meeting can be
 * recognised when it is shown, against the config of the day.
 */
export const INVITE_LINKS_SQL = `
  ALTER TABLE meetings ADD COLUMN invite_links TEXT NOT NULL DEFAULT '{}';
`;
