/**
 * The event bridge's websocket side (protocol.md §1): `GET /v1/wschannels/{AccountSid}/{channel}`
 * upgrades with `?token=…&closeExistingSessions=…&disconnectActivitySid=…`; events go out
 * as `{event_type, payload}` text frames, heartbeats as whitespace frames. Clients never
 * send anything; inbound frames are ignored and capped by `maxPayload`.
 */
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, ErrorCode, invalidParameter, toErrorBody } from '../http/errors.js';
import type { CapabilityClaims } from '../tokens/capability.js';
import { evaluatePolicies } from '../tokens/policy-match.js';
import { authorizeChannel, type TokenAuthority } from './authorize.js';
import { fanOut } from './fanout.js';
import { Heartbeat } from './heartbeat.js';
import { ownOrigins } from './origins.js';
import { ChannelRegistry, type BridgeSocket } from './registry.js';
import type { BridgeEvent } from './audience.js';

/** What the bridge asks of the engine. */
export interface BridgeBackend extends TokenAuthority {
  /** Throws when `activitySid` is not an activity of the token's workspace. */
  checkActivity(claims: CapabilityClaims, activitySid: string): void;
  /** Moves the token's worker to `activitySid` (disconnectActivitySid). */
  setWorkerActivity(claims: CapabilityClaims, activitySid: string): void;
}

/** Options of {@link EventBridge}. */
export interface EventBridgeOptions {
  backend: BridgeBackend;
  /** Heartbeat interval (default 10 s; the SDKs need ≤ 15 s). */
  heartbeatIntervalMs?: number;
  /** Largest inbound websocket message in bytes (default 4 KiB): clients send nothing. */
  maxPayload?: number;
  /** Origins that count as this server besides the request's Host. */
  publicOrigins?: () => readonly string[];
  /** Where unexpected errors go (default console.error). */
  onError?: (error: unknown) => void;
}

/** Close code sent to sockets evicted by `closeExistingSessions=true`. */
export const CLOSE_REPLACED = 4000;
/** Close code sent when the server shuts down. */
export const CLOSE_SHUTDOWN = 1001;
/** Close code for sockets dropped on purpose (dev scenario endpoint; their worker, queue or workspace deleted). */
export const CLOSE_DROPPED = 4001;

/** Default inbound websocket message limit. */
export const DEFAULT_MAX_PAYLOAD = 4 * 1024;

const CHANNEL_PATH = /^\/v1\/wschannels\/([^/]+)\/([^/]+)\/?$/;
/** A handshake key: 16 random bytes in base64 (RFC 6455 §4.1). */
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

function rejectUpgrade(socket: Duplex, error: unknown): void {
  const body = toErrorBody(error);
  const json = JSON.stringify(body);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Connection: close\r\n\r\n' +
      json,
  );
}

/** Accepts event-bridge websockets on an HTTP server and delivers engine events to them. */
export class EventBridge {
  readonly registry = new ChannelRegistry();
  readonly heartbeat: Heartbeat;
  private readonly wss: WebSocketServer;
  private readonly backend: BridgeBackend;
  private readonly publicOrigins: () => readonly string[];
  private readonly onError: (error: unknown) => void;
  private closing = false;

  constructor(options: EventBridgeOptions) {
    this.backend = options.backend;
    this.publicOrigins = options.publicOrigins ?? (() => []);
    this.onError = options.onError ?? ((error) => console.error('[taskrouter bridge]', error));
    this.heartbeat = new Heartbeat(this.registry, { intervalMs: options.heartbeatIntervalMs });
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      perMessageDeflate: false,
      clientTracking: false,
    });
  }

  /** Handles upgrades on `server` and starts the heartbeat. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.heartbeat.start();
  }

  /** Delivers one engine event to the channels that may see it. */
  publish(event: BridgeEvent): void {
    fanOut(this.registry, event);
    // A deleted worker or queue takes its sockets with it (a socket opened before would go on hearing events), as a
    // deleted workspace takes all of its own; their tokens can open none again.
    const type = event.event_type;
    if (type === 'worker.deleted' || type === 'task-queue.deleted') this.dropChannel(event.resource_sid, `${event.resource_sid} was deleted`);
    else if (type === 'workspace.deleted') {
      for (const socket of [...this.registry.all()]) {
        if (socket.claims.workspace_sid === event.workspace_sid) socket.ws.close(CLOSE_DROPPED, `${event.workspace_sid} was deleted`);
      }
    }
  }

  /** Closes every socket of a channel (a dev scenario: simulate a network drop). Returns how many. */
  dropChannel(channel: string, reason = 'Dropped by the server'): number {
    const sockets = [...this.registry.sockets(channel)];
    for (const socket of sockets) socket.ws.close(CLOSE_DROPPED, reason);
    return sockets.length;
  }

  /**
   * Closes every socket (code 1001), terminating those that do not finish the closing
   * handshake within `graceMs`, and stops the heartbeat. Disconnect activities are not
   * applied on shutdown: the workers did not leave.
   */
  async close(graceMs = 1000): Promise<void> {
    this.closing = true;
    this.heartbeat.stop();
    const sockets = [...this.registry.all()];
    const closed = sockets.map((socket) => new Promise<void>((resolve) => socket.ws.once('close', () => resolve())));
    for (const socket of sockets) socket.ws.close(CLOSE_SHUTDOWN, 'Server shutting down');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(closed), grace]);
    clearTimeout(timer);
    for (const socket of this.registry.all()) socket.ws.terminate();
    this.wss.close();
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    let accepted: { claims: CapabilityClaims; closeExisting: boolean; disconnectActivitySid: string | undefined };
    try {
      accepted = this.authorize(request);
    } catch (error) {
      if (toErrorBody(error).status === 500) this.onError(error);
      rejectUpgrade(socket, error);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.open(ws, accepted.claims, accepted.closeExisting, accepted.disconnectActivitySid));
  }

  private authorize(request: IncomingMessage) {
    if (this.closing) throw new ApiError(503, ErrorCode.Internal, 'The server is shutting down');
    // What `ws` checks again in handleUpgrade, checked first so that a bad handshake gets the error JSON too.
    const { upgrade, 'sec-websocket-key': key, 'sec-websocket-version': version } = request.headers;
    if (upgrade?.toLowerCase() !== 'websocket' || !WEBSOCKET_KEY.test(key ?? '') || (version !== '13' && version !== '8')) {
      throw new ApiError(400, ErrorCode.InvalidParameter, 'Not a WebSocket handshake: Upgrade: websocket, a Sec-WebSocket-Key and Sec-WebSocket-Version 13 are required');
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = CHANNEL_PATH.exec(url.pathname);
    if (!match) throw new ApiError(404, ErrorCode.NotFound, `No event-bridge channel at ${url.pathname.slice(0, 200)}`);
    const [, accountSid, channel] = match as unknown as [string, string, string];
    const query = url.searchParams;
    const closeParam = query.get('closeExistingSessions');
    if (closeParam !== null && closeParam !== 'true' && closeParam !== 'false') {
      throw invalidParameter('closeExistingSessions', "closeExistingSessions must be 'true' or 'false'");
    }
    const origins = ownOrigins(request, this.publicOrigins());
    const claims = authorizeChannel(this.backend, query.get('token'), { accountSid, channel, method: 'GET', ownOrigins: origins });
    const disconnectActivitySid = query.get('disconnectActivitySid') || undefined;
    if (disconnectActivitySid !== undefined) {
      if (!claims.worker_sid) {
        throw invalidParameter('disconnectActivitySid', 'disconnectActivitySid is only valid on a worker channel');
      }
      // The server will make this update on the worker's behalf: the token must allow it.
      const workerUrl = `${origins[0]}/v1/Workspaces/${claims.workspace_sid}/Workers/${claims.worker_sid}`;
      const update = { url: workerUrl, method: 'POST', params: { ActivitySid: disconnectActivitySid } };
      if (!evaluatePolicies(claims.policies, update, origins).allowed) {
        throw new ApiError(403, ErrorCode.Authentication, "The token's policies do not allow it to set the worker's activity (disconnectActivitySid)");
      }
      this.backend.checkActivity(claims, disconnectActivitySid);
    }
    return { claims, closeExisting: closeParam === 'true', disconnectActivitySid };
  }

  private open(ws: WebSocket, claims: CapabilityClaims, closeExisting: boolean, disconnectActivitySid: string | undefined): void {
    const socket: BridgeSocket = { ws, accountSid: claims.account_sid, channel: claims.channel, claims, disconnectActivitySid, missedPongs: 0 };
    const others = closeExisting ? [...this.registry.sockets(socket.channel)] : [];
    this.registry.add(socket);
    for (const other of others) {
      other.ws.close(CLOSE_REPLACED, 'Closed by a newer session of this channel (closeExistingSessions=true)');
    }
    ws.on('pong', () => {
      socket.missedPongs = 0;
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.closed(socket));
  }

  private closed(socket: BridgeSocket): void {
    const wasLast = this.registry.remove(socket);
    if (!wasLast || this.closing || socket.disconnectActivitySid === undefined) return;
    try {
      this.backend.setWorkerActivity(socket.claims, socket.disconnectActivitySid);
    } catch (error) {
      this.onError(error);
    }
  }
}
