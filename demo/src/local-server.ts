/**
 * The demo's line to the local TaskRouter server it is served from: the dev config, token URLs for
 * `<tr-provider>`, TaskRouter's REST API and the dev scenario endpoints. Everything is same-origin, so
 * the page works behind `npm start` and behind `vite` (proxy).
 *
 * REST calls go the way a browser makes them: through the event bridge's REST proxy with a workspace
 * capability token, as TaskRouter.js does. The account's AuthToken never reaches the page.
 */

/** A worker of the seeded workspace, as /dev/config lists it. */
export interface DevWorker {
  sid: string;
  friendlyName: string;
}

/** A task queue of the seeded workspace, as /dev/config lists it. */
export interface DevQueue {
  sid: string;
  friendlyName: string;
}

/** What GET /dev/config answers (dev mode only). */
export interface DevConfig {
  accountSid: string;
  workspaceSid: string;
  eventBridgeUrl: string;
  apiBaseUrl: string;
  workers: DevWorker[];
  queues: DevQueue[];
}

/** An error answered by the server: Twilio's `{code, message, status}` body, or the HTTP status alone. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** Snake-case REST resources are read loosely: the demo only needs a few fields of each. */
export type Resource = Record<string, unknown> & { sid: string };

type Params = Record<string, string | number | boolean | undefined>;

/** Renew the workspace token this long before it lapses. */
const TOKEN_MARGIN_MS = 60_000;

async function readError(response: Response): Promise<ServerError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { code?: number; message?: string };
    return new ServerError(response.status, body.code, body.message ?? `${response.status} ${response.statusText}`);
  } catch {
    // Not a TaskRouter error body (e.g. another server's HTML page): the status says enough.
    return new ServerError(response.status, undefined, `${response.status} ${response.statusText}`.trim());
  }
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw await readError(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The local server as the demo page sees it. */
export class LocalServer {
  private token: Promise<{ token: string; expiresAt: number }> | undefined;

  private constructor(
    readonly config: DevConfig,
    private readonly origin: string,
  ) {}

  /** Reads /dev/config from the page's own origin. */
  static async connect(origin = location.origin): Promise<LocalServer> {
    return new LocalServer(await json<DevConfig>(await fetch(`${origin}/dev/config`)), origin);
  }

  /** Token URLs, for `<tr-provider worker-token-url=…>` and friends. */
  workerTokenUrl(workerSid: string, ttlSeconds?: number): string {
    const ttl = ttlSeconds === undefined ? '' : `&ttl=${ttlSeconds}`;
    return `${this.origin}/dev/tokens/worker?workerSid=${encodeURIComponent(workerSid)}${ttl}`;
  }

  /** A worker token straight from the dev endpoint (e.g. a short-lived one for the expiry scenario). */
  async workerToken(workerSid: string, ttlSeconds?: number): Promise<string> {
    return (await json<{ token: string }>(await fetch(this.workerTokenUrl(workerSid, ttlSeconds)))).token;
  }

  workspaceTokenUrl(): string {
    return `${this.origin}/dev/tokens/workspace`;
  }

  taskQueueTokenUrl(taskQueueSid: string): string {
    return `${this.origin}/dev/tokens/taskqueue?taskQueueSid=${encodeURIComponent(taskQueueSid)}`;
  }

  /** The event bridge the page's elements connect to. */
  get eventBridgeUrl(): string {
    return this.config.eventBridgeUrl || this.origin;
  }

  /** A workspace token, fetched once and renewed shortly before it lapses. */
  private async workspaceToken(): Promise<string> {
    const cached = this.token && (await this.token.catch(() => undefined));
    if (cached && cached.expiresAt - Date.now() > TOKEN_MARGIN_MS) return cached.token;
    this.token = fetch(this.workspaceTokenUrl())
      .then((response) => json<{ token: string; expires_at: string }>(response))
      .then((body) => ({ token: body.token, expiresAt: Date.parse(body.expires_at) }));
    return (await this.token).token;
  }

  /**
   * A TaskRouter REST call under the demo workspace, e.g. `rest('GET', 'Workers')`, sent through the
   * event bridge's REST proxy (`{url, method, params, token}`); answers the resource JSON.
   */
  async rest<T = Resource>(method: 'GET' | 'POST' | 'DELETE', path: string, params: Params = {}): Promise<T> {
    const { accountSid, workspaceSid, apiBaseUrl } = this.config;
    const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    const response = await fetch(`${this.eventBridgeUrl}/v1/wschannels/${accountSid}/${workspaceSid}`, {
      method: 'POST',
      body: JSON.stringify({
        url: `${apiBaseUrl}/Workspaces/${workspaceSid}/${path}`,
        method,
        params: defined,
        token: await this.workspaceToken(),
      }),
    });
    return (await json<{ payload: T }>(response)).payload;
  }

  /** Every item of a list resource (the demo workspace is small: one page of 1000 is all of it). */
  async list(path: string, key: string, params: Params = {}): Promise<Resource[]> {
    const page = await this.rest<Record<string, Resource[]>>('GET', path, { PageSize: 1000, ...params });
    return page[key] ?? [];
  }

  /** A POST to a dev endpoint (scenario actions). Answers the endpoint's JSON, if any. */
  async dev<T = unknown>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    return json<T>(
      await fetch(`${this.origin}/dev/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  }

  /** Whether the server answers at all (used while it restarts). */
  async reachable(): Promise<boolean> {
    try {
      return (await fetch(`${this.origin}/dev/config`)).ok;
    } catch {
      return false;
    }
  }
}
