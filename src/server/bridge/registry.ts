/**
 * The open event-bridge sockets, grouped by channel (`WK…`, `WQ…`, `WS…`), so one event
 * is serialised once and fanned out to every socket of its channel.
 */
import type { WebSocket } from 'ws';
import type { CapabilityClaims } from '../tokens/capability.js';

/** One connected event-bridge client. */
export interface BridgeSocket {
  readonly ws: WebSocket;
  readonly accountSid: string;
  readonly channel: string;
  readonly claims: CapabilityClaims;
  /** Activity the worker moves to when its last socket closes (v1 `disconnectActivitySid`). */
  readonly disconnectActivitySid: string | undefined;
  /** Heartbeat ticks since the last pong; the socket is dropped when it keeps silent. */
  missedPongs: number;
}

/** Sockets by channel. */
export class ChannelRegistry {
  private readonly channels = new Map<string, Set<BridgeSocket>>();
  private count = 0;

  /** Number of open sockets. */
  get size(): number {
    return this.count;
  }

  add(socket: BridgeSocket): void {
    let set = this.channels.get(socket.channel);
    if (!set) {
      set = new Set();
      this.channels.set(socket.channel, set);
    }
    if (!set.has(socket)) {
      set.add(socket);
      this.count++;
    }
  }

  /** Removes a socket; returns true when it was the channel's last one. */
  remove(socket: BridgeSocket): boolean {
    const set = this.channels.get(socket.channel);
    if (!set?.delete(socket)) return false;
    this.count--;
    if (set.size > 0) return false;
    this.channels.delete(socket.channel);
    return true;
  }

  /** The sockets of a channel (empty when none). */
  sockets(channel: string): ReadonlySet<BridgeSocket> {
    return this.channels.get(channel) ?? EMPTY;
  }

  /** Every open socket. */
  *all(): IterableIterator<BridgeSocket> {
    for (const set of this.channels.values()) yield* set;
  }
}

const EMPTY: ReadonlySet<BridgeSocket> = new Set();
