/**
 * Test harness for the server: a real server on 127.0.0.1:0 with the demo seed and a
 * ManualClock, a REST client over real HTTP, and websocket clients that queue events.
 */
import { WebSocket, type ClientOptions } from 'ws';
import { ManualClock } from '../../../src/server/engine/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/index.js';
import { mintWorkerToken, mintWorkspaceToken, mintTaskQueueToken } from '../../../src/server/tokens/index.js';
import { jsonOrUndefined } from '../../support/json.js';

export interface TestServer extends RunningServer {
  clock: ManualClock;
  ws: string;
  /** SIDs of the demo workspace's resources by friendly name. */
  sid: { worker(name: string): string; queue(name: string): string; activity(name: string): string; workflow(): string };
  rest(method: string, path: string, options?: RestOptions): Promise<RestResponse>;
  /** POSTs to the event-bridge proxy of `channel`. */
  proxy(channel: string, body: unknown, options?: { headers?: Record<string, string>; raw?: boolean }): Promise<RestResponse>;
  workerToken(workerSid: string, options?: { ttl?: number }): string;
  workspaceToken(options?: { ttl?: number }): string;
  queueToken(queueSid: string): string;
}

export interface RestOptions {
  params?: Record<string, string | string[]>;
  auth?: string | null;
  headers?: Record<string, string>;
  /** Raw body (overrides params for POST). */
  body?: string;
}

export interface RestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Starts a server with the demo workspace (memory, ManualClock at the current time). */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const server = await startServer({ port: 0, memory: true, seed: 'demo', clock, onError: () => {}, ...options });
  const ws = server.workspaceSid!;
  const byName = (list: { items: Array<{ sid: string; friendly_name: string }> }, name: string) => {
    const found = list.items.find((item) => item.friendly_name === name);
    if (!found) throw new Error(`no ${name} in the demo workspace`);
    return found.sid;
  };
  const all = { page_size: 1000 };
  const basic = 'Basic ' + Buffer.from(`${server.accountSid}:${server.authToken}`).toString('base64');

  async function send(url: string, init: RequestInit): Promise<RestResponse> {
    const response = await fetch(url, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: jsonOrUndefined(text), text };
  }

  const common = { accountSid: server.accountSid, authToken: server.authToken, workspaceSid: ws };
  return Object.assign(server, {
    clock,
    ws,
    sid: {
      worker: (name: string) => byName(server.engine.workers.list(ws, all), name),
      queue: (name: string) => byName(server.engine.taskQueues.list(ws, all), name),
      activity: (name: string) => byName(server.engine.activities.list(ws, all), name),
      workflow: () => server.engine.workflows.list(ws, all).items[0]!.sid,
    },
    rest(method: string, path: string, options: RestOptions = {}) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(options.params ?? {})) {
        for (const item of typeof value === 'string' ? [value] : value) form.append(name, item);
      }
      const isPost = method === 'POST';
      const query = !isPost && [...form].length > 0 ? `?${form}` : '';
      const headers: Record<string, string> = { ...options.headers };
      if (options.auth !== null) headers.authorization = options.auth ?? basic;
      if (isPost && options.body === undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
      const body = isPost ? (options.body ?? form.toString()) : undefined;
      return send(`${server.url}${path}${query}`, { method, headers, body });
    },
    proxy(channel: string, body: unknown, options: { headers?: Record<string, string>; raw?: boolean } = {}) {
      return send(`${server.url}/v1/wschannels/${server.accountSid}/${channel}`, {
        method: 'POST',
        headers: options.headers,
        body: options.raw ? (body as string) : JSON.stringify(body),
      });
    },
    workerToken: (workerSid: string, options: { ttl?: number } = {}) =>
      mintWorkerToken({ ...common, workerSid, ttl: options.ttl, now: clock.now() }),
    workspaceToken: (options: { ttl?: number } = {}) => mintWorkspaceToken({ ...common, ttl: options.ttl, now: clock.now() }),
    queueToken: (taskQueueSid: string) => mintTaskQueueToken({ ...common, taskQueueSid, now: clock.now() }),
  });
}

/** An event-bridge frame as received. */
export interface Frame {
  event_type: string;
  payload: any;
}

/** A websocket client that queues event frames and counts heartbeats. */
export class BridgeClient {
  readonly frames: Frame[] = [];
  heartbeats = 0;
  closeCode: number | undefined;
  closeReason: string | undefined;
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.trim().length === 0) this.heartbeats++;
      else this.frames.push(JSON.parse(text) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        for (const wake of this.waiters.splice(0)) wake();
        resolve();
      });
    });
  }

  /** Waits (up to `timeoutMs` of real time) until `predicate` holds. */
  async until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; frames: ${this.frames.map((f) => f.event_type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first frame of `type` not yet taken, waiting for it if needed. */
  async next(type: string, timeoutMs = 3000): Promise<Frame> {
    await this.until(() => this.frames.some((frame) => frame.event_type === type), `event ${type}`, timeoutMs);
    const index = this.frames.findIndex((frame) => frame.event_type === type);
    return this.frames.splice(index, 1)[0]!;
  }

  types(): string[] {
    return this.frames.map((frame) => frame.event_type);
  }

  close(): Promise<void> {
    this.ws.close();
    return this.closed;
  }
}

/** The refusal of a websocket handshake. */
export interface Refusal {
  status: number;
  body: any;
}

/** Opens an event-bridge socket; rejects with a {@link Refusal} when the handshake is refused. */
export function connectBridge(
  server: RunningServer,
  channel: string,
  query: Record<string, string>,
  options: ClientOptions = {},
): Promise<BridgeClient> {
  const url = `${server.url.replace(/^http/, 'ws')}/v1/wschannels/${server.accountSid}/${channel}?${new URLSearchParams(query)}`;
  return connectUrl(url, options);
}

export function connectUrl(url: string, options: ClientOptions = {}): Promise<BridgeClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    const client = new BridgeClient(ws);
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        reject(Object.assign(new Error(`handshake refused: ${response.statusCode}`), { status: response.statusCode, body }));
      });
    });
    ws.once('error', reject);
  });
}

/** Asserts the shape of an error body. */
export function isErrorBody(body: any, status: number): boolean {
  return (
    body !== null &&
    typeof body === 'object' &&
    body.status === status &&
    typeof body.code === 'number' &&
    typeof body.message === 'string' &&
    body.message.length > 0 &&
    typeof body.more_info === 'string'
  );
}

/**
 * Creates a task (which the demo seed reserves at once) and returns it with a real SID for each
 * collection a route's path parameter follows, keyed by that collection (`Workers`, `Tasks`, …).
 */
export function seedRouteSids(server: TestServer, attributes: Record<string, unknown>): { taskSid: string; sids: Record<string, string> } {
  const { engine, ws } = server;
  const task = engine.tasks.create(ws, { workflow_sid: server.sid.workflow(), attributes });
  const reservation = engine.reservations.listForTask(ws, task.sid).items[0]!;
  const sids = {
    Workspaces: ws,
    Workers: reservation.worker_sid,
    Activities: server.sid.activity('Break'),
    TaskQueues: server.sid.queue('Sales'),
    Workflows: server.sid.workflow(),
    TaskChannels: 'chat',
    Channels: 'chat',
    Tasks: task.sid,
    Reservations: reservation.sid,
    Events: engine.events.list(ws, { page_size: 1 }).items[0]!.sid,
  };
  return { taskSid: task.sid, sids };
}

/** A route's URL (`/Workspaces/:sid/…`) with each path parameter replaced by `fill`, or else its collection's SID in `sids` (`X` when none). */
export function fillRoute(url: string, sids: Record<string, string>, fill?: string): string {
  const parts = url.split('/');
  return parts.map((part, i) => (part.startsWith(':') ? (fill ?? sids[parts[i - 1]!] ?? 'X') : part)).join('/');
}
