/**
 * Liveness in both directions. Every tick each socket gets a whitespace text frame,
 * the heartbeat TaskRouter.js expects (protocol.md §1.4: at most every 15 s), and a
 * websocket ping; a socket that misses `maxMissedPongs` pongs in a row is terminated,
 * so a vanished client still triggers its disconnect activity.
 */
import type { ChannelRegistry } from './registry.js';

/** Default heartbeat interval, under the 15 s the SDKs rely on. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
/** Longest interval allowed: TaskRouter.js v2 drops a socket silent for 30 s, and needs a beat every 15 s (§1.4). */
export const MAX_HEARTBEAT_INTERVAL_MS = 15_000;
/** The heartbeat frame: whitespace only, ignored by the clients except to reset their timers. */
export const HEARTBEAT_FRAME = ' ';

/** Heartbeat options. */
export interface HeartbeatOptions {
  intervalMs?: number;
  /** Pongs a socket may miss in a row before it is terminated (default 2). */
  maxMissedPongs?: number;
}

/** Runs the heartbeat over every socket of a registry. */
export class Heartbeat {
  readonly intervalMs: number;
  private readonly maxMissedPongs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly registry: ChannelRegistry, options: HeartbeatOptions = {}) {
    this.intervalMs = options.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.maxMissedPongs = options.maxMissedPongs ?? 2;
    if (!(this.intervalMs > 0 && this.intervalMs <= MAX_HEARTBEAT_INTERVAL_MS)) {
      throw new RangeError(`heartbeat interval must be from 1 to ${MAX_HEARTBEAT_INTERVAL_MS} ms (the SDKs need a beat every 15 s), got ${this.intervalMs}`);
    }
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One beat: exposed so tests can drive it without waiting. */
  tick(): void {
    for (const socket of this.registry.all()) {
      if (socket.ws.readyState !== socket.ws.OPEN) continue;
      if (socket.missedPongs >= this.maxMissedPongs) {
        socket.ws.terminate();
        continue;
      }
      socket.missedPongs++;
      socket.ws.send(HEARTBEAT_FRAME);
      socket.ws.ping();
    }
  }
}
