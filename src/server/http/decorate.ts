/**
 * Response decorators: the engine returns resources without `url` and `links`; these
 * add them from the request's origin, and wrap pages in Twilio's `{<key>, meta}` form.
 */
import type { Page } from '../engine/types.js';
import { searchParams } from './params.js';

/** Resource kinds the REST API returns. */
export type ResourceKind =
  | 'workspace'
  | 'activity'
  | 'task_channel'
  | 'worker'
  | 'worker_channel'
  | 'task_queue'
  | 'workflow'
  | 'task'
  | 'task_reservation'
  | 'worker_reservation'
  | 'event';

type Resource = { sid: string; workspace_sid?: string } & Record<string, unknown>;

interface KindSpec {
  /** Path of the resource under `/v1`. */
  path(resource: Resource): string;
  /** Link names to paths relative to the resource itself, or absolute under `/v1` when starting with '/'. */
  links?(resource: Resource): Record<string, string | null>;
  /** Fields that hold URLs of other resources, as paths under `/v1` (or null). */
  urls?(resource: Resource): Record<string, string | null>;
}

const ws = (resource: Resource) => `/Workspaces/${resource.workspace_sid}`;
const statisticsLinks = { statistics: 'Statistics', real_time_statistics: 'RealTimeStatistics', cumulative_statistics: 'CumulativeStatistics' };
const activityLink = (sid: unknown) => (typeof sid === 'string' ? `/Activities/${sid}` : null);
const reservationLinks = (resource: Resource) => ({
  task: `/Tasks/${resource.task_sid}`,
  worker: `/Workers/${resource.worker_sid}`,
  workspace: '/',
});

/** Collections under a workspace, by the SID prefix of their resources. */
const COLLECTIONS: Record<string, string> = { WA: 'Activities', TC: 'TaskChannels', WK: 'Workers', WQ: 'TaskQueues', WW: 'Workflows', WT: 'Tasks' };

/** The path of the workspace resource an event names by SID (a reservation's through its task), or null. */
function eventSubjectPath(event: Resource, sid: unknown): string | null {
  if (typeof sid !== 'string') return null;
  if (sid.startsWith('WS')) return `/Workspaces/${sid}`;
  const taskSid = (event.event_data as Record<string, unknown> | undefined)?.task_sid;
  if (sid.startsWith('WR')) return typeof taskSid === 'string' ? `${ws(event)}/Tasks/${taskSid}/Reservations/${sid}` : null;
  const collection = COLLECTIONS[sid.slice(0, 2)];
  return collection ? `${ws(event)}/${collection}/${sid}` : null;
}

const KINDS: Record<ResourceKind, KindSpec> = {
  workspace: {
    path: (r) => `/Workspaces/${r.sid}`,
    links: () => ({
      activities: 'Activities', task_queues: 'TaskQueues', tasks: 'Tasks', workers: 'Workers', workflows: 'Workflows',
      task_channels: 'TaskChannels', events: 'Events', ...statisticsLinks,
    }),
  },
  activity: { path: (r) => `${ws(r)}/Activities/${r.sid}`, links: () => ({ workspace: '/' }) },
  task_channel: { path: (r) => `${ws(r)}/TaskChannels/${r.sid}`, links: () => ({ workspace: '/' }) },
  worker: {
    path: (r) => `${ws(r)}/Workers/${r.sid}`,
    links: (r) => ({
      channels: 'Channels', reservations: 'Reservations', activity: activityLink(r.activity_sid), workspace: '/',
      // As TaskRouter links them: the workers' statistics at workspace level, this worker's own as worker_statistics.
      statistics: '/Workers/Statistics', real_time_statistics: '/Workers/RealTimeStatistics',
      cumulative_statistics: '/Workers/CumulativeStatistics', worker_statistics: 'Statistics', worker_channels: 'Channels',
    }),
  },
  worker_channel: { path: (r) => `${ws(r)}/Workers/${r.worker_sid}/Channels/${r.sid}`, links: () => ({ worker: '..', workspace: '/' }) },
  task_queue: {
    path: (r) => `${ws(r)}/TaskQueues/${r.sid}`,
    links: (r) => ({
      assignment_activity: activityLink(r.assignment_activity_sid), reservation_activity: activityLink(r.reservation_activity_sid),
      workspace: '/', ...statisticsLinks, list_statistics: '/TaskQueues/Statistics',
    }),
  },
  workflow: { path: (r) => `${ws(r)}/Workflows/${r.sid}`, links: () => ({ workspace: '/', ...statisticsLinks }) },
  task: {
    path: (r) => `${ws(r)}/Tasks/${r.sid}`,
    links: (r) => ({
      task_queue: typeof r.task_queue_sid === 'string' ? `/TaskQueues/${r.task_queue_sid}` : null,
      workflow: typeof r.workflow_sid === 'string' ? `/Workflows/${r.workflow_sid}` : null,
      workspace: '/', reservations: 'Reservations',
    }),
  },
  task_reservation: { path: (r) => `${ws(r)}/Tasks/${r.task_sid}/Reservations/${r.sid}`, links: reservationLinks },
  worker_reservation: { path: (r) => `${ws(r)}/Workers/${r.worker_sid}/Reservations/${r.sid}`, links: reservationLinks },
  event: {
    path: (r) => `${ws(r)}/Events/${r.sid}`,
    urls: (r) => ({ resource_url: eventSubjectPath(r, r.resource_sid), actor_url: eventSubjectPath(r, r.actor_sid) }),
  },
};

function resolveLink(target: string | null, self: string, workspaceUrl: string): string | null {
  if (target === null) return null;
  if (target === '/') return workspaceUrl;
  if (target === '..') return self.slice(0, self.lastIndexOf('/', self.lastIndexOf('/') - 1));
  if (target.startsWith('/')) return `${workspaceUrl}${target}`;
  return `${self}/${target}`;
}

/** Adds `url` and `links` to one engine resource; `apiBase` is e.g. `http://127.0.0.1:4200/v1`. */
export function decorate<T extends object>(kind: ResourceKind, resource: T, apiBase: string): T & { url: string } {
  const spec = KINDS[kind];
  const r = resource as unknown as Resource;
  const url = `${apiBase}${spec.path(r)}`;
  const decorated: Record<string, unknown> = { ...resource, url };
  for (const [name, path] of Object.entries(spec.urls?.(r) ?? {})) decorated[name] = path === null ? null : `${apiBase}${path}`;
  if (spec.links) {
    const workspaceUrl = kind === 'workspace' ? url : `${apiBase}${ws(r)}`;
    const links: Record<string, string | null> = {};
    for (const [name, target] of Object.entries(spec.links(r))) links[name] = resolveLink(target, url, workspaceUrl);
    decorated.links = links;
  }
  return decorated as T & { url: string };
}

/** Twilio's list paging block. */
export interface ListMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  next_page_url: string | null;
  url: string;
  key: string;
}

/**
 * Builds `{<key>: items, meta}`. `listUrl` is the absolute list URL without query;
 * `filters` are the request's PascalCase filters, kept on every page link.
 */
export function listBody<T>(
  key: string,
  page: Page<T>,
  listUrl: string,
  filters: Record<string, string | readonly string[]>,
  decorateItem: (item: T) => unknown,
): Record<string, unknown> & { meta: ListMeta } {
  const filterQuery = searchParams(filters);
  const pageUrl = (number: number, token?: string) => {
    const query = new URLSearchParams(filterQuery);
    query.set('PageSize', String(page.page_size));
    query.set('Page', String(number));
    if (token !== undefined) query.set('PageToken', token);
    return `${listUrl}?${query}`;
  };
  return {
    [key]: page.items.map(decorateItem),
    meta: {
      page: page.page,
      page_size: page.page_size,
      first_page_url: pageUrl(0),
      previous_page_url: page.page > 0 ? pageUrl(page.page - 1) : null,
      next_page_url: page.has_next ? pageUrl(page.page + 1, page.next_token) : null,
      url: pageUrl(page.page),
      key,
    },
  };
}
