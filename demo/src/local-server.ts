/**
 * The demo's line to the local TaskRouter server it is served from: the dev config, token URLs for
 * `<tr-provider>`, the public REST API (Basic auth with the dev credentials) and the dev scenario
 * endpoints. Everything is same-origin, so the page works behind `npm start` and behind `vite` (proxy).
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
  authToken: string;
  workspaceSid: string;
  eventBridgeUrl: string;
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

function formBody(params: Params): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) body.set(key, String(value));
  return body;
}

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

/** The local server as the demo page sees it. */
export class LocalServer {
  private constructor(
    readonly config: DevConfig,
    private readonly origin: string,
  ) {}

  /** Reads /dev/config from the page's own origin. */
  static async connect(origin = location.origin): Promise<LocalServer> {
    const response = await fetch(`${origin}/dev/config`);
    if (!response.ok) throw await readError(response);
    return new LocalServer((await response.json()) as DevConfig, origin);
  }

  /** Token URLs, for `<tr-provider worker-token-url=…>` and friends. */
  workerTokenUrl(workerSid: string): string {
    return `${this.origin}/dev/tokens/worker?workerSid=${encodeURIComponent(workerSid)}`;
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

  /**
   * A call to the public REST API under the demo workspace, e.g. `rest('GET', 'Workers')`.
   * GET params go in the query string, POST params in a form body, as TaskRouter expects.
   */
  async rest<T = Resource>(method: 'GET' | 'POST' | 'DELETE', path: string, params: Params = {}): Promise<T> {
    let url = `${this.origin}/v1/Workspaces/${this.config.workspaceSid}/${path}`;
    const init: RequestInit = {
      method,
      headers: { authorization: `Basic ${btoa(`${this.config.accountSid}:${this.config.authToken}`)}` },
    };
    if (method === 'POST') init.body = formBody(params);
    else if (Object.keys(params).length > 0) url += `?${formBody(params)}`;
    const response = await fetch(url, init);
    if (!response.ok) throw await readError(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Every item of a list resource (the demo workspace is small: one page of 1000 is all of it). */
  async list(path: string, key: string, params: Params = {}): Promise<Resource[]> {
    const page = await this.rest<Record<string, Resource[]>>('GET', path, { PageSize: 1000, ...params });
    return page[key] ?? [];
  }

  /** A POST to a dev endpoint (scenario actions). Answers the endpoint's JSON, if any. */
  async dev<T = unknown>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.origin}/dev/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await readError(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
