/**
 * The JSON Schemas the fleet's routes share: a room's address in a URL or a filter, and the
 * two object shapes every route's parameters take.
 */

/** A site's or a room's name, as the rooms publish them in their topics. */
const NAME = '[a-z0-9][a-z0-9-]{0,62}';
export const SLUG = `^${NAME}$`;

/** A query string of these fields, each optional; others are left out before the handler sees them. */
export const queryOf = <P extends Record<string, object>>(properties: P) => ({ type: 'object', additionalProperties: false, properties }) as const;

/** Path parameters, each required. */
export const paramsOf = <P extends Record<string, object>>(properties: P) => ({ type: 'object', properties, required: Object.keys(properties) }) as const;

/** A count of rows a query string asks for (`limit`, `events`): at most `maximum`. */
export const limitUpTo = (maximum: number) => ({ type: 'integer', minimum: 1, maximum }) as const;

/** `/:site/:room` */
export const ROOM_PARAMS = paramsOf({ site: { type: 'string', pattern: SLUG }, room: { type: 'string', pattern: SLUG } });

/** Only the issues given to the operator asking (the open issues' pages, the issue list, its CSV export). */
export const MINE = { mine: { type: 'boolean' } } as const;

const ISSUE_STATES = ['open', 'acknowledged', 'resolved', 'unresolved'] as const;

/**
 * The query of an issue search, one for the list and its CSV export (`IssueQuery`): by state, by
 * words, by room — `site/room`, or a room's name alone — and `mine`, with at most `maxRows` rows.
 */
export const issueSearchQuery = (maxRows: number) =>
  queryOf({
    ...MINE,
    state: { type: 'string', enum: ISSUE_STATES },
    q: { type: 'string', maxLength: 200 },
    room: { type: 'string', pattern: `^(${NAME}/)?${NAME}$` },
    limit: limitUpTo(maxRows),
  });
