/**
 * The public REST API with Basic auth, as a backend would call it: form bodies, JSON
 * answers, a timeout per request, and errors that tell a refusal (4xx, with the server's
 * body) from a request whose fate is unknown (network failure, timeout, 5xx).
 */

export type Json = Record<string, any>;

/** The server answered with an error status. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly body: Json | undefined, what: string) {
    super(`${what}: ${status} ${JSON.stringify(body)?.slice(0, 300)}`);
  }
}

/** True when the request may or may not have been applied: no answer, or a 5xx. */
export function isUncertain(error: unknown): boolean {
  return !(error instanceof HttpError) || error.status >= 500;
}

export class RestClient {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: () => string,
    accountSid: string,
    authToken: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  }

  /** `path` is under `/v1`; objects in `params` are sent as JSON text. */
  async call(method: 'GET' | 'POST' | 'DELETE', path: string, params: Json = {}): Promise<Json> {
    const url = new URL(`${this.baseUrl()}/v1${path}`);
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      if (method === 'POST') form.append(name, text);
      else url.searchParams.append(name, text);
    }
    const response = await fetch(url, {
      method,
      headers: { authorization: this.authorization, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: method === 'POST' ? form.toString() : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Json) : {};
    if (!response.ok) throw new HttpError(response.status, body, `${method} ${path}`);
    return body;
  }

  /** Every item of a list resource, following pages of 1000. */
  async all(path: string, key: string, params: Json = {}): Promise<Json[]> {
    const items: Json[] = [];
    for (let page = 0; ; page++) {
      const body = await this.call('GET', path, { ...params, PageSize: 1000, Page: page });
      items.push(...(body[key] as Json[]));
      if (!body.meta?.next_page_url) return items;
    }
  }
}
