/**
 * Raw HTTP for fuzzers: any method, repeated query keys, any body and content type, a
 * deadline per request; and the one rule every answer must follow: 2xx, or 4xx with
 * the error JSON `{code, message, more_info, status}`; never a 5xx, a hang or a crash.
 */
import { KNOWN_FAULTS, knownFault } from './known-faults.js';
import { jsonOrUndefined } from '../../support/json.js';

/** A request exactly as the fuzzer wants it sent. */
export interface RawRequest {
  method: string;
  /** Path with its own encoding (not re-encoded), e.g. `/v1/Workspaces/WS…`. */
  path: string;
  /** Query pairs, repeated keys allowed. */
  query?: Array<[string, string]>;
  body?: string;
  contentType?: string;
  /** Full Authorization header, or null for none. */
  authorization?: string | null;
}

/** What came back; status -1 when nothing came back in time or the connection failed. */
export interface RawResponse {
  status: number;
  text: string;
  body: unknown;
  /** Why there was no answer. */
  failure?: string;
}

export const REQUEST_DEADLINE_MS = 5000;

/** Sends `request` to `baseUrl`; never throws. */
export async function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const query = request.query?.length ? `?${new URLSearchParams(request.query)}` : '';
  const headers: Record<string, string> = {};
  if (request.authorization) headers.authorization = request.authorization;
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  try {
    const response = await fetch(`${baseUrl}${request.path}${query}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    const text = await response.text();
    return { status: response.status, text, body: jsonOrUndefined(text) as unknown };
  } catch (error) {
    const failure = (error as Error).name === 'TimeoutError' ? `no answer within ${REQUEST_DEADLINE_MS} ms` : `connection failed: ${(error as Error).message}`;
    return { status: -1, text: '', body: undefined, failure };
  }
}

/** True for Twilio's error body with the status it was sent with. */
export function isErrorBody(body: unknown, status: number): boolean {
  if (body === null || typeof body !== 'object') return false;
  const { code, message, more_info, status: bodyStatus } = body as Record<string, unknown>;
  return bodyStatus === status && typeof code === 'number' && typeof message === 'string' && message.length > 0 && typeof more_info === 'string';
}

/** Why an answer breaks the rule, or undefined when it keeps it. */
export function violation(response: RawResponse, method = 'GET'): string | undefined {
  const { status } = response;
  if (status === -1) return response.failure;
  if (status >= 500) return `server error ${status}: ${response.text.slice(0, 160)}`;
  if (status >= 400) return isErrorBody(response.body, status) ? undefined : `${status} without the error JSON: ${response.text.slice(0, 160)}`;
  if (status >= 200 && status < 300) {
    if (status === 204 || method === 'HEAD') return undefined;
    return response.body === undefined ? `${status} without a JSON body: ${response.text.slice(0, 160)}` : undefined;
  }
  return `unexpected status ${status}`;
}

/** Distinct rule violations, each with its first example, for one readable failure message. */
export class Findings {
  private readonly found = new Map<string, string>();
  /** Cases tried, per interface. */
  readonly tried = new Map<string, number>();

  /** Cases that hit an already reported fault (known-faults.ts), by fault id. */
  readonly known = new Map<string, number>();

  /** Tallies a case that hit a known fault. */
  knownFault(id: string): void {
    this.known.set(id, (this.known.get(id) ?? 0) + 1);
  }

  count(name: string): void {
    this.tried.set(name, (this.tried.get(name) ?? 0) + 1);
  }

  private readonly where = new Map<string, Set<string>>();

  /**
   * Records a violation: `problem` (what broke the rule) is the signature, `where` (e.g.
   * `POST /v1/Workspaces/:workspace_sid/Tasks`) is tallied, the first example is kept.
   */
  add(problem: string, where: string, example: string): void {
    const signature = problem.slice(0, 100);
    if (!this.found.has(signature)) this.found.set(signature, example);
    this.where.set(signature, (this.where.get(signature) ?? new Set()).add(where));
  }

  get size(): number {
    return this.found.size;
  }

  report(): string {
    return [...this.found]
      .map(([signature, example]) => {
        const where = [...this.where.get(signature)!];
        return `${signature}\n    at ${where.length} place(s): ${where.slice(0, 6).join(', ')}${where.length > 6 ? ', …' : ''}\n    e.g. ${example.slice(0, 600)}`;
      })
      .join('\n');
  }

  summary(): string {
    const known = [...this.known].map(([id, count]) => `${id} ×${count}`).join(', ');
    const statuses = [...this.statuses].sort().map(([kind, count]) => `${kind} ${count}`).join(', ');
    return [...this.tried].map(([name, count]) => `${name}: ${count}`).join(', ') + ` [answers: ${statuses}]` +
      (known ? ` (cases hitting known faults: ${known})` : '');
  }

  /** The server's internal error reports that no known fault this run hit explains. */
  unexplained(internalErrors: readonly unknown[]): string[] {
    const hit = KNOWN_FAULTS.filter((fault) => this.known.has(fault.id));
    return internalErrors.map(String).filter((error) => !hit.some((fault) => fault.internalError?.test(error)));
  }

  /** Answers by status class (`2xx`, `4xx`…), to show how deep the cases got. */
  readonly statuses = new Map<string, number>();

  /** Checks one answer: a rule violation is recorded unless it is a known fault. */
  check(request: RawRequest, response: RawResponse, where: string, example: string): void {
    const kind = response.status < 0 ? 'no answer' : `${String(response.status)[0]}xx`;
    this.statuses.set(kind, (this.statuses.get(kind) ?? 0) + 1);
    const problem = violation(response, request.method);
    if (!problem) return;
    const fault = knownFault(request, response);
    if (fault) this.knownFault(fault.id);
    else this.add(problem, where, example);
  }
}
