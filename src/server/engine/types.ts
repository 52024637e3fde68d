/**
 * Public shapes of the engine's service API, gathered from four files under types/:
 * - common.ts: form-encoded inputs, statuses, paging, read and write options;
 * - resources.ts: resources as TaskRouter's REST API returns them (snake_case,
 *   protocol.md §4) minus `url` and `links`, which the REST layer adds;
 * - call-params.ts: the parameters each call takes (snake_case versions of the REST
 *   parameters) and the list filters;
 * - statistics.ts: statistics queries and resources (protocol.md §5).
 *
 * Parameter values may come straight from a form body: numbers and booleans are
 * also accepted as strings ("5", "true"), and `attributes` as a JSON string or an
 * object. Dates in resources are ISO 8601 strings (UTC, second precision).
 */
export type * from './types/common.js';
export type * from './types/resources.js';
export type * from './types/call-params.js';
export type * from './types/statistics.js';
