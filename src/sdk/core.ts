import { backoff, sleep } from './backoff.js';
import type { Params } from './callback.js';
import type { Json } from './convert.js';
import { responseError, TaskRouterError } from './errors.js';
import { decodeToken, type TokenClaims } from './jwt.js';
import { creates, serverDidNothing, updateLanded } from './retry-safety.js';
import type { ConnectionOptions } from './options.js';

/**
 * What every object of one connection shares: the token, the URLs, and the request path through the event
 * bridge (protocol.md §2.2). Worker, Workspace and TaskQueue each own one; their resources keep a reference,
 * so `updateToken` reaches Reservations and Tasks fetched earlier (v1 gave each its own copy, §1.8).
 */
export class Core {
  /** The current capability token and its claims. */
  token!: string;
  claims!: TokenClaims;
  /** `{apiBaseUrl}/Workspaces/{WS}`. */
  readonly workspaceUrl: string;
  /** `{eventBridgeUrl}/v1/wschannels/{AC}/{channel}`: the REST-proxy endpoint, and with ws(s):// the socket. */
  readonly channelUrl: string;
  #timer?: ReturnType<typeof setTimeout>;
  #onExpiring: () => void;
  /** Whether `onExpiring` was called for the current token. */
  #asked = false;
  /** Requests waiting for the token that replaces a lapsed one. */
  #waiting: Array<() => void> = [];

  constructor(
    readonly options: ConnectionOptions,
    token: string,
    onExpiring: () => void,
  ) {
    this.#onExpiring = () => {
      this.#asked = true;
      onExpiring();
    };
    this.setToken(token);
    const { account_sid, workspace_sid, channel } = this.claims;
    let bridge = (options.eventBridgeUrl ?? 'https://event-bridge.twilio.com').replace(/\/+$/, '');
    // As v1 (§1.1): event-bridge.twilio.com + ie1-ix → event-bridge.ie1-ix.us1.twilio.com.
    if (options.region && bridge.includes('twilio.com')) bridge = `${bridge.split('twilio.com')[0]}${options.region}.us1.twilio.com`;
    this.channelUrl = `${bridge}/v1/wschannels/${account_sid}/${channel}`;
    this.workspaceUrl = `${(options.apiBaseUrl ?? 'https://taskrouter.twilio.com/v1').replace(/\/+$/, '')}/Workspaces/${workspace_sid}`;
  }

  /** Replaces the token (it must be for the same channel) and re-arms the expiry timer. */
  setToken(token: string): void {
    const claims = decodeToken(token);
    if (this.claims && claims.channel !== this.claims.channel) throw new TypeError(`token: for ${claims.channel}, not ${this.claims.channel}`);
    this.token = token;
    this.claims = claims;
    this.#asked = false;
    this.arm();
    for (const wake of this.#waiting.splice(0)) wake();
  }

  /** True once the token's `exp` has passed. */
  get expired(): boolean {
    return this.claims.exp * 1000 <= Date.now();
  }

  /**
   * Resolves once the token is valid, or after `requestTimeout`: a lapsed token (its renewal overdue after the
   * computer slept, or under way) is asked for at once (`token.expired`) and its replacement awaited, rather than
   * sent to be refused.
   */
  async #valid(): Promise<void> {
    if (!this.expired) return;
    if (!this.#asked) {
      this.stop();
      this.#onExpiring();
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, this.options.requestTimeout ?? 15000);
      this.#waiting.push(done);
    });
  }

  /** Schedules `onExpiring` `tokenRefreshLead` ms (default 5000) before `exp`, at most half the time left. */
  arm(): void {
    this.stop();
    const left = this.claims.exp * 1000 - Date.now();
    // setTimeout takes at most 2^31 - 1 ms.
    this.#timer = setTimeout(this.#onExpiring, Math.min(2 ** 31 - 1, Math.max(0, left - Math.min(this.options.tokenRefreshLead ?? 5000, left / 2))));
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  /** Console logging, unless `debug` is false. */
  log(...args: unknown[]): void {
    if (this.options.debug !== false) console.log('[taskrouter]', ...args);
  }

  /**
   * Sends one TaskRouter request through the event bridge and resolves with its `payload`.
   * Retries up to `retries` (default `maxRetries`) times on network failure, timeout, 429 or 5xx, with jittered
   * exponential backoff; rejects with a TaskRouterError carrying the server's code and message.
   * A failure that may have landed is not retried for a create (see retry-safety.ts); when the retry of an update or
   * delete is refused because the first attempt did land, it resolves with the resource as it now is.
   */
  async request<T = Json>(method: string, url: string, params?: Params, eventType?: string, retries = this.options.maxRetries ?? 0): Promise<T> {
    const { options } = this;
    for (let attempt = 0; ; attempt++) {
      let error: TaskRouterError;
      await this.#valid();
      try {
        // A JSON string with no Content-Type: a CORS-simple text/plain POST, as v1 sent.
        const response = await (options.fetch ?? fetch)(this.channelUrl, {
          method: 'POST',
          body: JSON.stringify({ url, method, params, token: this.token, event_type: eventType }),
          signal: AbortSignal.timeout(options.requestTimeout ?? 15000),
        });
        const json = await response.json().catch(() => null);
        this.log(method, url, params ?? '', response.status);
        if (response.ok) return json?.payload;
        error = responseError(response.status, response.statusText, json);
      } catch (e) {
        error = new TaskRouterError((e as Error).name === 'TimeoutError' ? 'Request timed out' : `Network error: ${(e as Error).message}`);
      }
      if (error.status && error.status < 500 && !serverDidNothing(error.status)) {
        if (attempt) return this.#landed(method, url, params, error);
        throw error;
      }
      if (attempt >= retries || (creates(method, url) && !serverDidNothing(error.status))) throw error;
      await sleep(backoff(attempt, options.retryDelay ?? 250, 10000));
    }
  }

  /**
   * A retry was refused: resolves when the attempt before it had done the work (a delete's 404, an update
   * the resource now shows), else rejects with the refusal.
   */
  async #landed<T>(method: string, url: string, params: Params | undefined, refusal: TaskRouterError): Promise<T> {
    if (method === 'DELETE' && refusal.status === 404) return {} as T;
    if (method === 'POST' && !creates(method, url)) {
      const resource = await this.request<Json>('GET', url, undefined, undefined, 0).catch(() => null);
      if (resource && updateLanded(resource, params)) return resource as T;
    }
    throw refusal;
  }
}
