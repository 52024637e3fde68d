// Test fixture for the SDK: the real local server (port 0, in-memory store), a workspace
// built through its public REST API, capability tokens, and a TCP proxy to cut sockets.
import net from 'node:net';
import { WebSocket } from 'ws';
import { startServer } from '../../src/server/index.js';
import { mintTaskQueueToken, mintWorkerToken, mintWorkspaceToken, type WorkerPolicyOptions } from '../../src/server/tokens/index.js';
import type { ConnectionOptions } from '../../src/sdk/index.js';

export type Json = Record<string, any>;

/** Node 20 has no global WebSocket: the SDK takes `ws`'s. */
export const NodeWebSocket = WebSocket as unknown as ConnectionOptions['WebSocket'];

/** Runs `make` with `ws`'s WebSocket as the global one, as a browser (or Node 22) would have it: for v1's positional forms. */
export function withGlobalWebSocket<T>(make: () => T): T {
  Object.assign(globalThis, { WebSocket: NodeWebSocket });
  try {
    return make();
  } finally {
    delete (globalThis as { WebSocket?: unknown }).WebSocket;
  }
}

/** Resolves once `predicate()` holds, polling every 10 ms; rejects after `ms` with `what`. */
export async function until(predicate: () => unknown, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves with the arguments of the emitter's next `event`. */
export function next<T = unknown>(emitter: { once(event: string, fn: (...args: any[]) => void): unknown }, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

type MessageHandler = (event: { data: unknown }) => void;

/** A ws WebSocket class whose `onmessage` handler goes through `wrap`: for sockets that lag, or reshape frames. */
function wrappingOnMessage(wrap: (handler: MessageHandler) => MessageHandler): typeof globalThis.WebSocket {
  const descriptor = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;
  class Wrapping extends WebSocket {
    constructor(url: string) {
      super(url);
      Object.defineProperty(this, 'onmessage', {
        get: () => descriptor.get!.call(this),
        set: (handler: MessageHandler | null) => descriptor.set!.call(this, handler && wrap(handler)),
      });
    }
  }
  return Wrapping as unknown as typeof globalThis.WebSocket;
}

/** A WebSocket constructor whose incoming frames can be held back, then released in order: a lagging socket. */
export function laggingWebSocket() {
  const lag = { holding: false, held: [] as Array<() => void> };
  const release = () => {
    lag.holding = false;
    for (const deliver of lag.held.splice(0)) deliver();
  };
  const Lagging = wrappingOnMessage((handler) => (event) => (lag.holding ? lag.held.push(() => handler(event)) : handler(event)));
  return { lag, release, WebSocket: Lagging };
}

/**
 * A WebSocket constructor that reshapes reservation events as Twilio's event bridge sends them to TaskRouter.js v1
 * (protocol.md §1.6): the task under the bridge's own names (`queue_sid`, `queue_name`, `workflow_name`), without
 * the fields only its REST form has, plus `reservation_sid`; no embedded reservation. The local server sends more.
 */
export const TwilioShapedWebSocket = wrappingOnMessage((handler) => (event) => {
  const text = String(event.data);
  const message = text.trim() ? JSON.parse(text) : undefined;
  if (!message?.event_type?.startsWith('reservation.')) return handler(event);
  const {
    reservation: _reservation, task_queue_sid, task_queue_friendly_name, workflow_friendly_name,
    task_channel_sid: _channel, timeout: _timeout, reason: _reason, url: _url, links: _links, ...task
  } = message.payload;
  const payload = { ...task, queue_sid: task_queue_sid, queue_name: task_queue_friendly_name, workflow_name: workflow_friendly_name };
  handler({ data: JSON.stringify({ ...message, payload }) });
});

/** A TCP proxy in front of the server: `drop()` cuts every connection, `stop()` / `start()` take the server away and back. */
export class Proxy {
  readonly sockets = new Set<net.Socket>();
  port = 0;
  private server?: net.Server;

  constructor(private readonly target: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Cuts every open connection, as a network failure would (no close frame). */
  drop(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.drop();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** The local server with a workspace: activities, a queue, a workflow and workers, plus REST and token helpers. */
export class Fixture {
  workspaceSid = '';
  activities: Record<'offline' | 'idle' | 'busy' | 'reserved', string> = { offline: '', idle: '', busy: '', reserved: '' };
  queueSid = '';
  workflowSid = '';
  workers: string[] = [];

  private constructor(readonly server: Awaited<ReturnType<typeof startServer>>) {}

  /** Starts a server and builds a workspace with `workers` workers (all Idle unless told) and one queue. */
  static async start(options: { workers?: number; reservationTimeout?: number; maxReservedWorkers?: number; multiTask?: boolean } = {}): Promise<Fixture> {
    const fixture = new Fixture(await startServer({ port: 0, memory: true, log: false } as never));
    await fixture.build(options);
    return fixture;
  }

  get url(): string {
    return this.server.url;
  }

  /** Calls the public REST API with Basic auth; `path` is relative to the workspace unless it starts with '/'. */
  async api(method: string, path: string, params?: Json): Promise<Json> {
    const url = new URL(path.startsWith('/') ? `${this.url}/v1${path}` : `${this.url}/v1/Workspaces/${this.workspaceSid}/${path}`);
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(params ?? {})) {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      if (method === 'GET') url.searchParams.set(key, text);
      else body.set(key, text);
    }
    const response = await fetch(url, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${this.server.accountSid}:${this.server.authToken}`).toString('base64')}` },
      body: method === 'GET' || method === 'DELETE' ? undefined : body,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) throw Object.assign(new Error(`${method} ${path}: ${response.status} ${text}`), { status: response.status, body: json });
    return json;
  }

  private async build({ workers = 1, reservationTimeout = 120, maxReservedWorkers = 1, multiTask = false }): Promise<void> {
    const workspace = await this.api('POST', '/Workspaces', { FriendlyName: `sdk-test-${Date.now()}`, MultiTaskEnabled: multiTask, Template: 'NONE' });
    this.workspaceSid = workspace.sid;
    // New workspaces come with Offline, Available and Unavailable: reuse what exists.
    const existing = (await this.api('GET', 'Activities')).activities as Json[];
    const activity = async (name: string, available: boolean) =>
      existing.find((a) => a.friendly_name === name)?.sid ?? (await this.api('POST', 'Activities', { FriendlyName: name, Available: available })).sid;
    this.activities = {
      offline: await activity('Offline', false),
      idle: await activity('Idle', true),
      busy: await activity('Busy', false),
      reserved: await activity('Reserved', false),
    };
    const queue = await this.api('POST', 'TaskQueues', { FriendlyName: 'Support', TargetWorkers: '1==1', MaxReservedWorkers: maxReservedWorkers });
    this.queueSid = queue.sid;
    const workflow = await this.api('POST', 'Workflows', {
      FriendlyName: 'Default',
      Configuration: { task_routing: { filters: [], default_filter: { queue: queue.sid } } },
      TaskReservationTimeout: reservationTimeout,
    });
    this.workflowSid = workflow.sid;
    for (let i = 0; i < workers; i++) {
      const worker = await this.api('POST', 'Workers', { FriendlyName: `agent-${i}`, Attributes: { skills: ['support'], contact_uri: `client:agent${i}` }, ActivitySid: this.activities.idle });
      this.workers.push(worker.sid);
    }
  }

  /** Creates a task through the workflow. */
  task(attributes: Json = { type: 'support' }, params: Json = {}): Promise<Json> {
    return this.api('POST', 'Tasks', { WorkflowSid: this.workflowSid, Attributes: attributes, ...params });
  }

  private signing(ttl: number) {
    return { accountSid: this.server.accountSid, authToken: this.server.authToken, workspaceSid: this.workspaceSid, ttl };
  }

  workerToken(workerSid = this.workers[0]!, ttl = 3600, policies: Pick<WorkerPolicyOptions, 'workerUpdates'> = {}): string {
    return mintWorkerToken({ ...this.signing(ttl), workerSid, ...policies });
  }

  workspaceToken(ttl = 3600): string {
    return mintWorkspaceToken(this.signing(ttl));
  }

  taskQueueToken(taskQueueSid = this.queueSid, ttl = 3600): string {
    return mintTaskQueueToken({ ...this.signing(ttl), taskQueueSid, deletes: true });
  }

  /** SDK options for this server (or a proxy in front of it). */
  options(extra: ConnectionOptions & Json = {}): ConnectionOptions & Json {
    return { eventBridgeUrl: this.url, WebSocket: NodeWebSocket, debug: false, ...extra };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
