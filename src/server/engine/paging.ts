/**
 * Lists in pages, as TaskRouter pages them: a page ends with a token naming where it ended, and the next page
 * starts after that point. Deleting or changing items between pages (canceling every pending task page by page,
 * say) then neither skips nor repeats any; a page number alone would skip what moved up.
 */
import { invalidParameter } from './errors.js';
import { optionalInteger, optionalString } from './input.js';
import type { Page, PageParams } from './types.js';

/** Where an item stands in its list: numbers compared left to right, growing along the list. Unique per item. */
export type Position<T> = (item: T) => number[];

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = (a[i] ?? 0) - (b[i] ?? 0);
    if (order !== 0) return order;
  }
  return 0;
}

/** `PT` + the position as base64url JSON: opaque to clients, as TaskRouter's tokens are. */
export function encodeToken(position: readonly number[]): string {
  return `PT${Buffer.from(JSON.stringify(position)).toString('base64url')}`;
}

function decodeToken(token: string, length: number): number[] {
  let position: unknown;
  try {
    position = token.startsWith('PT') ? JSON.parse(Buffer.from(token.slice(2), 'base64url').toString()) : undefined;
  } catch {
    // Not a token of ours: refused below.
  }
  if (!Array.isArray(position) || position.length !== length || !position.every((n) => Number.isFinite(n))) {
    throw invalidParameter('PageToken', `Invalid PageToken: "${token.slice(0, 100)}" (use the next_page_url of the page before, with the same filters and ordering)`);
  }
  return position;
}

/** The position a `page_token` names (`length` numbers), if one is given. */
export function pageToken(params: PageParams, length: number): number[] | undefined {
  const token = optionalString(params.page_token, 'page_token');
  return token === undefined ? undefined : decodeToken(token, length);
}

/** Page number and size from paging inputs (size: default 50, at most 1000). */
export function pageWindow(params: PageParams): { page: number; pageSize: number } {
  const page = optionalInteger(params.page, 'page', { min: 0 }) ?? 0;
  const pageSize = optionalInteger(params.page_size, 'page_size', { min: 1, max: 1000 }) ?? 50;
  return { page, pageSize };
}

/** The index of the first item past `after` (items stand in `position` order, so a binary search finds it). */
function firstAfter<T>(items: T[], position: Position<T>, after: readonly number[]): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(position(items[middle]!), after) > 0) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The page of `items` (in list order, along `position`) that `params` asks for: after the item its `page_token`
 * names, else by page number. `positionLength` is how many numbers a position has (to check tokens).
 */
export function paginate<T>(items: T[], params: PageParams, position: Position<T>, positionLength: number): Page<T> {
  const { page, pageSize } = pageWindow(params);
  const after = pageToken(params, positionLength);
  let start = page * pageSize;
  if (after !== undefined) start = firstAfter(items, position, after);
  const pageItems = items.slice(start, start + pageSize);
  const hasNext = items.length > start + pageSize;
  return {
    items: pageItems,
    page,
    page_size: pageSize,
    has_next: hasNext,
    ...(hasNext ? { next_token: encodeToken(position(pageItems.at(-1)!)) } : {}),
  };
}

/**
 * `items` in the order an `Ordering` parameter asks (`DateCreated:desc,Priority:asc`, fields read by `fields`;
 * ties, and no ordering, by `id`), with the position to page them by.
 */
export function ordered<T>(
  items: T[],
  ordering: string | undefined,
  fields: Record<string, (item: T) => number>,
  id: (item: T) => number,
): { items: T[]; position: Position<T>; positionLength: number } {
  const terms = (ordering ? ordering.split(',') : []).map((term) => {
    const [field = '', direction = 'asc'] = term.trim().split(':');
    const read = fields[field];
    if (!read || !/^(asc|desc)$/i.test(direction)) {
      throw invalidParameter('Ordering', `Invalid Ordering: "${term.trim()}" (expected ${Object.keys(fields).join(' or ')} followed by :asc or :desc)`);
    }
    const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
    return (item: T) => sign * read(item);
  });
  const position: Position<T> = (item) => [...terms.map((term) => term(item)), id(item)];
  // Without an ordering the items already stand in creation (id) order.
  if (terms.length === 0) return { items, position, positionLength: 1 };
  const sorted = items
    .map((item) => ({ item, at: position(item) }))
    .sort((a, b) => compare(a.at, b.at))
    .map(({ item }) => item);
  return { items: sorted, position, positionLength: terms.length + 1 };
}
