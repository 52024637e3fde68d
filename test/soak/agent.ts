/**
 * One simulated contact-center agent: a TaskRouterClient (the object the elements share)
 * with a worker token fetched from a URL, that accepts every reservation it is offered,
 * "handles" it for a moment and completes the task, and records what it saw and what
 * the server acknowledged, for the audit at the end of the soak.
 *
 * A call whose answer is lost (a cut socket, a killed server) is not assumed to have
 * failed: the agent fetches the reservation or task and goes on from what the server says.
 */
import { WebSocket } from 'ws';
import { TaskRouterClient, type Reservation, type WebSocketConstructor } from '../../src/sdk/index.js';
import type { Random } from '../security/support/random.js';

const RESERVATION_EVENTS = ['created', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'completed', 'wrapup'] as const;
/** Event type → reservation status. */
const STATUS_OF: Record<string, string> = { created: 'pending', wrapup: 'wrapping' };

/** Options of {@link Agent}. */
export interface AgentOptions {
  workerSid: string;
  /** The event bridge (the chaos proxy). */
  bridgeUrl: string;
  /** URL that answers `{token}` for this worker (the dev token endpoint, through the proxy). */
  tokenUrl: string;
  /** Activity to return to when TaskRouter moved the worker to an unavailable one (a reservation timeout). */
  availableActivitySid: string;
  random: Random;
  /** Time spent "handling" a task, in ms. */
  handleMs: [number, number];
  /** ms before a token's expiry at which the client fetches the next one. */
  tokenRefreshLead: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Agent {
  readonly client: TaskRouterClient;
  /** `${reservation} ${type}` → times the Worker emitted it. */
  readonly workerEvents = new Map<string, number>();
  /** `${reservation} ${status}` → times the TaskRouterClient emitted reservation.created/updated with it. */
  readonly clientEvents = new Map<string, number>();
  /** Reservation → the status its last Worker event implies. */
  readonly lastStatus = new Map<string, string>();
  /** Reservation → what happened to it here, in order (`worker:accepted`, `client:completed`, `ack:accept`…), for reports. */
  readonly history = new Map<string, string[]>();
  /** Reservation → task, for every reservation this agent heard of. */
  readonly taskOf = new Map<string, string>();
  /** Reservations whose accept call resolved. */
  readonly acceptedAcks = new Set<string>();
  /** Tasks whose complete call resolved (task → reservation). */
  readonly completedAcks = new Map<string, string>();
  /** Tasks this agent found completed after a complete call whose answer was lost. */
  readonly completedConfirmed = new Map<string, string>();
  tokenFetches = 0;
  tokenFailures = 0;
  /** Refreshes that began after the previous token had already expired (the client ran on an expired token meanwhile). */
  expiredBeforeRefresh = 0;
  private tokenExpiry = Infinity;
  /** Calls that failed and were resolved by asking the server. */
  retries = 0;
  /** Times the agent put its worker back to an available activity. */
  activityRestores = 0;
  private readonly handling = new Set<string>();
  private stopped = false;
  private restoring = false;

  constructor(private readonly options: AgentOptions) {
    this.client = new TaskRouterClient({
      workerToken: () => this.fetchToken(),
      eventBridgeUrl: options.bridgeUrl,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      // Bounded REST retries; reconnects are bounded by them too, so give plenty.
      maxRetries: 1000,
      retryDelay: 100,
      reconnectDelay: 200,
      reconnectDelayMax: 3000,
      requestTimeout: 5000,
      heartbeatTimeout: 8000,
      tokenRefreshLead: options.tokenRefreshLead,
      // Statistics are not what this soak is about.
      statisticsInterval: 3_600_000,
    });
    for (const name of ['reservation.created', 'reservation.updated'] as const) {
      this.client.on(name, (view) => {
        this.count(this.clientEvents, `${view.sid} ${view.status}`);
        this.note(view.sid, `client:${view.status}`);
      });
    }
    this.client.on('change', (state) => {
      if (state.worker && !state.worker.available) void this.restoreActivity();
    });
    // Errors are expected while sockets are cut; outcomes are audited at the end.
    this.client.on('error', () => {});
  }

  get sid(): string {
    return this.options.workerSid;
  }

  async connect(): Promise<void> {
    await this.client.connect();
    const worker = this.client.worker!;
    for (const type of RESERVATION_EVENTS) {
      worker.on(`reservation.${type}`, (reservation: Reservation) => this.onReservation(type, reservation));
    }
  }

  stop(): void {
    this.stopped = true;
    this.client.disconnect();
  }

  /** Reservations still being worked on. */
  get busy(): number {
    return this.handling.size;
  }

  private async fetchToken(): Promise<string> {
    if (Date.now() >= this.tokenExpiry) {
      this.expiredBeforeRefresh++;
      this.tokenExpiry = Infinity;
    }
    const response = await fetch(this.options.tokenUrl, { signal: AbortSignal.timeout(5000) }).catch((error: unknown) => {
      this.tokenFailures++;
      throw error;
    });
    if (!response.ok) {
      this.tokenFailures++;
      throw new Error(`token endpoint answered ${response.status}`);
    }
    this.tokenFetches++;
    const { token, expires_at: expiresAt } = (await response.json()) as { token: string; expires_at: string };
    this.tokenExpiry = Date.parse(expiresAt);
    return token;
  }

  private note(sid: string, what: string): void {
    const list = this.history.get(sid) ?? [];
    list.push(what);
    this.history.set(sid, list);
  }

  private count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  private onReservation(type: string, reservation: Reservation): void {
    this.count(this.workerEvents, `${reservation.sid} ${type}`);
    this.note(reservation.sid, `worker:${type}`);
    this.lastStatus.set(reservation.sid, STATUS_OF[type] ?? type);
    this.taskOf.set(reservation.sid, reservation.taskSid ?? reservation.task.sid);
    if (type === 'created') void this.handle(reservation);
  }

  /** Accept, handle, complete; each step retried from what the server says until it holds or the reservation ended. */
  private async handle(reservation: Reservation): Promise<void> {
    const sid = reservation.sid;
    if (this.handling.has(sid)) return;
    this.handling.add(sid);
    try {
      const accepted = await this.step(
        () => this.client.acceptReservation(sid).then(() => (this.acceptedAcks.add(sid), this.note(sid, 'ack:accept'))),
        async () => {
          await reservation.fetch();
          const status = reservation.reservationStatus as string;
          return status === 'pending' ? 'retry' : status === 'accepted' || status === 'wrapping' || status === 'completed' ? 'done' : 'ended';
        },
      );
      if (!accepted) return;
      await sleep(this.options.random.int(...this.options.handleMs));
      const taskSid = reservation.task.sid;
      await this.step(
        () => this.client.completeTask(sid).then(() => (this.completedAcks.set(taskSid, sid), this.note(sid, 'ack:complete'))),
        async () => {
          await reservation.task.fetch();
          const status = reservation.task.assignmentStatus;
          if (status === 'completed') {
            if (!this.completedAcks.has(taskSid)) this.completedConfirmed.set(taskSid, sid);
            return 'done';
          }
          return status === 'canceled' ? 'ended' : 'retry';
        },
      );
    } finally {
      this.handling.delete(sid);
    }
  }

  /**
   * Runs `action`; when it fails, asks `check` what the server holds: `done` (the action
   * took effect), `retry`, or `ended` (nothing left to do). Returns whether it is done.
   */
  private async step(action: () => Promise<unknown>, check: () => Promise<'done' | 'retry' | 'ended'>): Promise<boolean> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await action();
        return true;
      } catch {
        this.retries++;
      }
      let verdict: 'done' | 'retry' | 'ended' = 'retry';
      try {
        verdict = await check();
      } catch {
        // The server is unreachable right now: try again.
      }
      if (verdict !== 'retry') return verdict === 'done';
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)));
    }
    return false;
  }

  /** TaskRouter moves a worker whose reservation timed out to an unavailable activity: come back. */
  private async restoreActivity(): Promise<void> {
    if (this.restoring || this.stopped) return;
    this.restoring = true;
    try {
      while (!this.stopped && this.client.state.worker && !this.client.state.worker.available) {
        try {
          await this.client.setActivity(this.options.availableActivitySid);
          this.activityRestores++;
        } catch {
          await sleep(500);
        }
      }
    } finally {
      this.restoring = false;
    }
  }
}
