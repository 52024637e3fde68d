import { EventEmitter } from 'eventemitter3';
import { backoff } from './backoff.js';
import type { Callback } from './callback.js';
import type { Json } from './convert.js';
import { Core } from './core.js';
import { entity, urlOf } from './entity.js';
import { TaskRouterError } from './errors.js';
import type { ConnectionOptions } from './options.js';
import { CORE, Resource, URL_ } from './resource.js';

/** The state of a connection: `failed` once `maxRetries` consecutive reconnects failed. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'failed';

/**
 * The type of a TaskRouter event (`task.updated`, `workflow.target-matched`…): what a channel receives is emitted
 * under its own type too. A name outside these families (a misspelling) does not compile.
 */
export type TaskRouterEventType = `${'activity' | 'reservation' | 'task' | 'task-channel' | 'task-queue' | 'worker' | 'workflow' | 'workspace'}.${string}`;

/** Events every connection emits; TaskRouter events that arrive on the channel are emitted under their own type too. */
export interface ConnectionEvents<Self> {
  /** The resource was fetched after the first connection (after each `connect()`). */
  ready: (self: Self) => void;
  /** The websocket opened. */
  connected: () => void;
  /** The open websocket was lost; reconnecting follows unless `disconnect()` was called. */
  disconnected: (info: { message: string }) => void;
  /** The token lapses soon: call `updateToken`. */
  'token.expired': () => void;
  error: (error: TaskRouterError) => void;
  /** The connection state changed. */
  connection: (state: ConnectionState) => void;
  /** Every TaskRouter event of the channel, raw, before it is emitted under its own type. */
  event: (type: string, payload: Json) => void;
}

const noop = () => {};
/** Close code of a socket evicted by a newer session with closeExistingSessions=true (the local server's; Twilio's is unpublished). */
const REPLACED = 4000;

/**
 * What Worker, Workspace and TaskQueue share: the token, one event-bridge websocket (protocol.md §1) and its
 * state, the `ready` fetch, the channel's events, and fetch / update / delete / updateToken of the resource.
 *
 * The socket does what v1 got wrong (§1.7, §8): the old socket is closed before a new one opens, reconnects
 * back off with jitter and a cap, `maxRetries` bounds consecutive attempts, silence past the heartbeat timeout
 * counts as a loss, an expired or refused token waits for `updateToken` instead of retrying, and `disconnect()`
 * stops all.
 */
export abstract class Connection<Events extends object> extends EventEmitter<Events> {
  declare [CORE]: Core;
  declare [URL_]: string;
  declare sid: string;
  declare friendlyName: string;
  declare accountSid: string;
  declare workspaceSid: string;
  declare dateCreated: Date;
  declare dateUpdated: Date;
  #state: ConnectionState = 'disconnected';
  #query: string;
  #ws?: WebSocket;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #silenceTimer?: ReturnType<typeof setTimeout>;
  #attempts = 0;
  #stopped = false;
  #readied = false;
  /** Whether the server was already asked why this outage's socket did not open (see #refusal). */
  #explained = false;

  /** `query`: what the socket URL adds after the token; v1 sent `closeExistingSessions` on every channel's socket. */
  constructor(token: string, options: ConnectionOptions, kind: 'WK' | 'WQ' | 'WS', query = '&closeExistingSessions=false') {
    super();
    // eventemitter3's bookkeeping stays out of JSON.stringify and for…in, like the symbol-keyed internals.
    for (const key of ['_events', '_eventsCount']) Object.defineProperty(this, key, { enumerable: false });
    if (!(options.WebSocket ?? globalThis.WebSocket)) throw new TypeError('No WebSocket here (Node before 22): pass options.WebSocket, such as the ws package\'s');
    const core = (this[CORE] = new Core(options, token, () => this.fire('token.expired')));
    const { channel } = core.claims;
    if (!channel.startsWith(kind)) {
      core.stop(); // its token timer would keep the page (or Node) busy for the token's lifetime
      throw new TypeError(`token: ${channel} is not a ${kind} channel`);
    }
    this[URL_] = urlOf(core.workspaceUrl, channel)!;
    this.sid = channel;
    this.#query = query;
    this.connect();
  }

  /** The connection state, readable at any time; changes are emitted as `connection`. */
  get connectionState(): ConnectionState {
    return this.#state;
  }

  /** Emits any event name: for the shared code, which cannot name the subclass's typed events. */
  protected fire(type: string, ...args: unknown[]): void {
    (this as EventEmitter).emit(type, ...args);
  }

  protected log(...args: unknown[]): void {
    this[CORE].log(...args);
  }

  /** (Re)connects now, e.g. after `disconnect()` or once the state is `failed`; `ready` follows. */
  connect(): void {
    this.#stopped = this.#readied = this.#explained = false;
    this[CORE].arm();
    this.#attempts = 0;
    globalThis.addEventListener?.('offline', this.#offline);
    globalThis.addEventListener?.('online', this.#online);
    this.#open();
  }

  /** Closes the socket and stops reconnecting and the token timer. */
  disconnect(): void {
    this.#stopped = true;
    this[CORE].stop();
    globalThis.removeEventListener?.('offline', this.#offline);
    globalThis.removeEventListener?.('online', this.#online);
    this.#close();
    this.#set('disconnected');
  }

  // A browser knows at once when its network goes and comes back; the socket would take its heartbeat timeout to
  // notice the loss, and the next backoff step to notice the return.
  #offline = (): void => void (this.#state === 'connected' && this.#drop('The browser went offline'));
  #online = (): void => void (this.#state === 'connecting' && !this.#ws && this.#open());

  /**
   * Replaces the token for every object of this connection, Reservations and Tasks fetched earlier included.
   * A socket that was waiting for a valid token reconnects.
   */
  updateToken(token: string): void {
    this[CORE].setToken(token);
    // Disconnected on purpose: the token is kept for connect(), which arms its expiry timer again.
    if (this.#stopped) this[CORE].stop();
    else if (this.#state === 'disconnected') this.#open();
  }

  #set(state: ConnectionState): void {
    if (state !== this.#state) this.fire('connection', (this.#state = state));
  }

  #open(): void {
    this.#close();
    const core = this[CORE];
    if (core.expired) {
      this.log('the token has expired: waiting for updateToken()');
      // With no one to renew it (no `token.expired` listener once the caller's code has run), it is an error.
      setTimeout(() => {
        if (core.expired && !(this as EventEmitter).listenerCount('token.expired')) {
          this.fire('error', new TaskRouterError('The token has expired: pass a new one to updateToken()', 20104, 401));
        }
      });
      return this.#set('disconnected');
    }
    this.#set('connecting');
    try {
      // https → wss, http → ws (v1 left http:// as it was, §1.1).
      const ws = (this.#ws = new (core.options.WebSocket ?? WebSocket)(`${core.channelUrl.replace(/^http/, 'ws')}?token=${core.token}${this.#query}`));
      ws.onopen = () => {
        this.#attempts = 0;
        this.#explained = false;
        this.#set('connected');
        this.#opened();
      };
      ws.onmessage = ({ data }) => {
        this.#listen();
        // A whitespace-only frame is a heartbeat (§1.3).
        if (!String(data).trim()) return;
        let json: { event_type: string; payload: Json };
        try {
          json = JSON.parse(data);
        } catch {
          return this.fire('error', Object.assign(new TaskRouterError(`Not JSON: ${data}`), { response: data }));
        }
        this.fire('event', json.event_type, json.payload);
        this.event(json.event_type, json.payload);
      };
      ws.onclose = ({ code, reason }) => this.#drop(reason || `Websocket closed with code ${code}`, code === REPLACED);
      // `ws` throws on an 'error' without a listener; 'close' follows it anyway.
      ws.onerror = noop;
      this.#listen();
    } catch (e) {
      this.#drop((e as Error).message);
    }
  }

  /**
   * The socket is gone: reconnect after a backoff unless `maxRetries` is used up, a newer session of this
   * channel replaced it (reconnecting would evict that one in turn), or the server refused the socket (see
   * #refusal); report the loss of an open socket.
   */
  async #drop(reason: string, replaced?: boolean): Promise<void> {
    const wasOpen = this.#state === 'connected';
    this.#close();
    this.log('websocket lost:', reason);
    if (replaced) {
      this.#stopped = true;
      this.#set('disconnected');
    } else if (wasOpen || this.#explained) this.#retry();
    else {
      const answer = await this.#probe();
      // disconnect() or connect() while the server was asked: theirs is the say.
      if (this.#stopped || this.#ws) return;
      // A 4xx (but 429) would refuse the same token again.
      if (answer && answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
        this.#set('disconnected');
        return void this.fire('error', answer);
      }
      this.#retry();
      // No answer at all: a wrong URL looks like this too, so it is said (once per outage) while retrying.
      if (answer?.status === 0) {
        this.fire('error', new TaskRouterError(`No answer from the event bridge at ${this[CORE].channelUrl} (${answer.message}); retrying`));
      }
    }
    if (wasOpen) this.fire('disconnected', { message: reason });
  }

  #retry(): void {
    const { maxRetries, reconnectDelay, reconnectDelayMax } = this[CORE].options;
    if (maxRetries !== undefined && this.#attempts >= maxRetries) return this.#set('failed');
    this.#set('connecting');
    this.#retryTimer = setTimeout(() => this.#open(), backoff(this.#attempts++, reconnectDelay ?? 1000, reconnectDelayMax ?? 30000));
  }

  /**
   * A socket that closes before it opens says nothing of why (browsers hide the HTTP status of a refused
   * upgrade). The same request over REST does, once per outage. A 4xx (a token that is not valid or not for
   * this channel, a deleted worker) would refuse the same token again: #drop then waits for `updateToken` or
   * `connect()` in the `disconnected` state, and reports the server's code and message as `error`.
   * @returns how the request failed (`status` 0: no answer), or undefined when it worked.
   */
  async #probe(): Promise<TaskRouterError | undefined> {
    this.#explained = true;
    try {
      await this[CORE].request('GET', this[URL_], undefined, undefined, 0);
    } catch (error) {
      return error as TaskRouterError;
    }
  }

  /** Restarts the silence timer: no frame (heartbeats included) for the timeout means the connection is dead. */
  #listen(): void {
    clearTimeout(this.#silenceTimer);
    this.#silenceTimer = setTimeout(() => this.#drop('Heartbeat timed out'), this[CORE].options.heartbeatTimeout ?? 30000);
  }

  /** Detaches and closes the socket, clears the timers. */
  #close(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#silenceTimer);
    const ws = this.#ws;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = noop;
      try {
        ws.close();
      } catch {
        // Already closing.
      }
      this.#ws = undefined;
    }
  }

  /** On every socket open: fetch the resource (the `ready` request, §1.5), then let the subclass re-sync. */
  async #opened(): Promise<void> {
    this.fire('connected');
    try {
      const json = await this[CORE].request<Json>('GET', this[URL_], undefined, 'ready');
      const first = !this.#readied;
      this.#readied = true;
      await this.synced(json, first);
    } catch (error) {
      this.fire('error', error);
    }
  }

  /** Takes the fetched resource; emits `ready` the first time. Subclasses re-sync more. */
  protected async synced(json: Json, first: boolean): Promise<void> {
    this.apply(json);
    if (first) this.fire('ready', this);
  }

  /** A TaskRouter event from the socket: emitted with the object its payload describes, or the raw payload. */
  protected event(type: string, payload: Json): void {
    this.log('event', type);
    this.fire(type, (payload && entity(this[CORE], payload)) ?? payload);
  }
}

/** The resource's own methods, shared with Resource (a connection is an EventEmitter, so it cannot extend it). */
export interface Connection<Events extends object> {
  /** Takes fields from a JSON object of the wire. */
  apply(json: Json): this;
  /** Fetches the resource again. */
  fetch(callback?: Callback<this>): Promise<this>;
  /**
   * Updates the resource: `(name, value, cb?)` or `(params, cb?)`; Attributes may be an object or a JSON string. v1's
   * pages also put the object's own SID first (another SID is the callback's error).
   */
  update(name: string, value: unknown, callback?: Callback<this>): Promise<this>;
  update(params: Json, callback?: Callback<this>): Promise<this>;
  update(sid: string, name: string, value: unknown, callback?: Callback<this>): Promise<this>;
  update(sid: string, params: Json, callback?: Callback<this>): Promise<this>;
  /** Deletes the resource. */
  delete(callback?: Callback<void>): Promise<void>;
}
const { apply, fetch, update, delete: remove } = Resource.prototype;
Object.assign(Connection.prototype, { apply, fetch, update, delete: remove });
