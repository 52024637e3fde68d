/** A WebSocket constructor: the browser's, Node 22's global one, or `ws`'s. */
export type WebSocketConstructor = new (url: string) => WebSocket;

/** Options shared by Worker, Workspace and TaskQueue. Every one is optional. */
export interface ConnectionOptions {
  /** Log events and requests to the console (default true, as in v1). */
  debug?: boolean;
  /** Twilio region for the event bridge, e.g. `ie1-ix` (applies to Twilio hosts only). */
  region?: string;
  /**
   * Retries of a REST call that failed on the network, timed out or got a 429 or 5xx (default 0); a create that
   * may have reached the server is not repeated (only a 429 or 503 is retried for it).
   * When given, it also bounds consecutive reconnect attempts, after which the state is `failed` (so an
   * explicit `0` means no reconnect at all); when left out, the socket reconnects forever, as in v1.
   */
  maxRetries?: number;
  /** Event-bridge base URL (default `https://event-bridge.twilio.com`); `http://127.0.0.1:4200` for the local server. */
  eventBridgeUrl?: string;
  /** TaskRouter REST base URL named in requests (default `https://taskrouter.twilio.com/v1`). */
  apiBaseUrl?: string;
  /** WebSocket implementation (default `globalThis.WebSocket`); on Node 20 pass `ws`'s. */
  WebSocket?: WebSocketConstructor;
  /** fetch implementation (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Milliseconds before a REST call times out (default 15000). */
  requestTimeout?: number;
  /** `token.expired` fires this many ms before the token's `exp`, at most half its remaining life (default 5000, as v1). */
  tokenRefreshLead?: number;
  /** First reconnect delay in ms, doubled per attempt with jitter (default 1000). */
  reconnectDelay?: number;
  /** Longest reconnect delay in ms (default 30000). */
  reconnectDelayMax?: number;
  /** First REST retry delay in ms, doubled per attempt with jitter (default 250). */
  retryDelay?: number;
  /** Milliseconds without any frame (the server sends a heartbeat every ≤15 s) before the socket counts as lost (default 30000). */
  heartbeatTimeout?: number;
}

/** Worker options: the shared ones plus v1's worker constructor arguments. */
export interface WorkerOptions extends ConnectionOptions {
  /** Activity to put the worker in once connected, when no reservation is pending. */
  connectActivitySid?: string;
  /** Activity the worker goes to when its socket drops or the page unloads. */
  disconnectActivitySid?: string;
  /** Close this worker's other sessions when connecting (default false). */
  closeExistingSessions?: boolean;
}

/** A Worker's v1 positional constructor arguments after the token, then the kit's URLs. */
export const WORKER_ARGS = ['debug', 'connectActivitySid', 'disconnectActivitySid', 'closeExistingSessions', 'region', 'maxRetries', 'apiBaseUrl', 'eventBridgeUrl'];
/** Workspace and TaskQueue: v1's `(token, debug, region, maxRetries)`, then the URLs, as for a Worker. */
export const CHANNEL_ARGS = ['debug', 'region', 'maxRetries', 'apiBaseUrl', 'eventBridgeUrl'];

/** Reads `(options)` or v1's positional form into one options object, checking the values it relies on. */
export function readOptions<T extends ConnectionOptions>(args: unknown[], names: string[]): T {
  let options: Record<string, unknown> = {};
  if (args[0] && typeof args[0] === 'object') options = { ...(args[0] as object) };
  else names.forEach((name, i) => args[i] != null && (options[name] = args[i]));
  // v1 accepted the strings "false" / "true" for its boolean flags.
  for (const flag of ['debug', 'closeExistingSessions']) if (typeof options[flag] === 'string') options[flag] = options[flag] === 'true';
  const retries = options.maxRetries;
  if (retries != null && !(Number.isInteger(retries) && (retries as number) >= 0)) {
    throw new TypeError(`maxRetries: expected a whole number ≥ 0, got ${retries}`);
  }
  return options as T;
}
