/**
 * Turns an engine result into a response body, following the entry's rendering:
 * decorate resources with url/links, wrap pages with meta, add url to statistics.
 */
import type { Page } from '../engine/types.js';
import { decorate, listBody } from './decorate.js';
import type { Rendering } from './route-table.js';

/** Where the request went, for the URLs in its response. */
export interface RenderTarget {
  /** e.g. `http://127.0.0.1:4200/v1`. */
  apiBase: string;
  /** The request path under `/v1`, without query, e.g. `/Workspaces/WS…/Workers`. */
  path: string;
  /** The request's query parameters (PascalCase), kept on page links except paging. */
  query: Record<string, string | string[]>;
}

const PAGING = new Set(['Page', 'PageSize', 'PageToken']);

function listFilters(query: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(query).filter(([name]) => !PAGING.has(name)));
}

/** The response body for `result`, or undefined for an empty (204) response. */
export function render(rendering: Rendering, result: unknown, target: RenderTarget): unknown {
  const { apiBase, path, query } = target;
  const self = `${apiBase}${path.replace(/\/+$/, '')}`;
  switch (rendering.kind) {
    case 'item':
      return decorate(rendering.resource, result as object, apiBase);
    case 'list':
      return listBody(rendering.key, result as Page<object>, self, listFilters(query), (item) => decorate(rendering.resource, item, apiBase));
    case 'statistics':
      return { ...(result as object), url: self };
    case 'statistics-list': {
      // `…/TaskQueues/RealTimeStatistics` lists items whose own url is `…/TaskQueues/WQ…/RealTimeStatistics`.
      const slash = self.lastIndexOf('/');
      return listBody(rendering.key, result as Page<{ task_queue_sid: string }>, self, listFilters(query), (item) => ({
        ...item,
        url: `${self.slice(0, slash)}/${item.task_queue_sid}${self.slice(slash)}`,
      }));
    }
    case 'empty':
      return undefined;
  }
}
