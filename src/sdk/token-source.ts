/** Tokens from the client's token sources: the first one, and fresh ones before each lapses. */
import { backoff, sleep } from './backoff.js';
import type { TokenSource } from './client-types.js';
import { TaskRouterError } from './errors.js';

/** Why a token request failed: its JSON error's message, its text when short and plain, else its status (not an HTML page). */
function failure(response: Response, text: string): string {
  try {
    const { message } = JSON.parse(text);
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON.
  }
  return text && text.length <= 200 && !text.startsWith('<') ? text : `${response.status} ${response.statusText}`.trim();
}

/**
 * A token from `source`: what its function returns, or the answer to a GET of its URL (JSON `{ token }` or plain
 * text) made with `options.fetch` (default the global `fetch`).
 */
export async function fetchToken(source: TokenSource, options: { fetch?: typeof fetch }): Promise<string> {
  const request = typeof source === 'function' ? 'The token function' : `Token request to ${source}`;
  // fetch rejects with a TypeError when no answer comes (a token function's own fetch too): a TaskRouterError of
  // status 0 says so. Anything else a token function throws is the page's to tell, as it is.
  const unanswered = (error: unknown): never => {
    throw error instanceof TypeError ? new TaskRouterError(`${request} failed: ${error.message}`) : error;
  };
  if (typeof source === 'function') return Promise.resolve().then(source).catch(unanswered);
  const response = await (options.fetch ?? fetch)(source).catch(unanswered);
  const text = (await response.text()).trim();
  if (!response.ok) throw new TaskRouterError(`${request} failed: ${failure(response, text)}`, response.status, response.status);
  return text.startsWith('{') ? JSON.parse(text).token : text;
}

/**
 * Renews a token (on `token.expired`, before the current one lapses): hands a fresh one from `next` to `use`. A
 * token source may be down for a while: each failure goes to `fail`, and the renewal is retried with backoff
 * until it works or `closed()`.
 */
export async function renewToken(next: () => Promise<string>, use: (token: string) => void, closed: () => boolean, fail: (error: unknown) => void): Promise<void> {
  for (let attempt = 0; !closed(); attempt++) {
    try {
      const token = await next();
      // Closed while the token was on its way: nothing to renew.
      return closed() ? undefined : use(token);
    } catch (error) {
      fail(error);
      await sleep(backoff(attempt, 1000, 10000));
    }
  }
}
