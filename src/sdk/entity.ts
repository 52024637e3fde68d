import type { Json } from './convert.js';
import type { Core } from './core.js';
import { Reservation, Task } from './reservation.js';
import { addStatistics, Resource } from './resource.js';

const LISTS: Record<string, string> = { WA: 'Activities', WQ: 'TaskQueues', WK: 'Workers', WW: 'Workflows' };

/** The REST URL of the workspace or of an instance of its lists, by SID prefix; undefined for others. */
export const urlOf = (ws: string, sid: string): string | undefined =>
  sid.startsWith('WS') ? ws : LISTS[sid.slice(0, 2)] && `${ws}/${LISTS[sid.slice(0, 2)]}/${sid}`;

/**
 * Builds the object for a JSON payload by its SID prefix, as v1's createEntity did (§2.4):
 * Task, Reservation (with its embedded task, or one known by SID), or a Resource with its statistics;
 * null for other payloads.
 */
export function entity(core: Core, json: Json): Resource | null {
  const sid: unknown = json?.sid;
  if (typeof sid !== 'string') return null;
  const prefix = sid.slice(0, 2);
  const ws = core.workspaceUrl;
  if (prefix === 'WT') return new Task(core, json);
  if (prefix === 'WR') return new Reservation(core, json, (json.task as Json | undefined) ?? { sid: json.task_sid });
  const url = prefix === 'WC' ? `${ws}/Workers/${json.worker_sid}/Channels/${sid}` : urlOf(ws, sid);
  if (!url) return null;
  const resource = new Resource(core, url, json);
  if (prefix === 'WS' || prefix === 'WQ' || prefix === 'WW' || prefix === 'WK') addStatistics(resource, core, url, prefix === 'WK');
  return resource;
}
