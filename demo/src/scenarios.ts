/**
 * The actions that move the local server into a state: they back the scenario panel and the stories'
 * setups, so a state a story shows can also be reached by hand. Everything goes through the public
 * REST API, except what only a dev endpoint can do (drop sockets, expire a token, restart).
 */
import type { LocalServer, Resource } from './local-server.js';

/** What the scenario panel's task form describes. */
export interface TaskSpec {
  attributes: Record<string, unknown>;
  priority?: number;
  /** TaskChannel unique name (`voice`, `chat`, …); the server's default when unset. */
  channel?: string;
  /** Workflow SID; the workspace's first workflow when unset. */
  workflowSid?: string;
  /** Task TTL in seconds. */
  timeout?: number;
  /** A worker SID: only that worker may get the task (TaskRouter's `RoutingTarget`). */
  routingTarget?: string;
}

/** Callers the demo puts on the line: realistic attributes for the CRM record and for routing. */
export const CALLERS: ReadonlyArray<Record<string, unknown>> = [
  { type: 'support', name: 'Ana Souza', from: '+1 415 555 0134', account: 'ACME-20931', subject: 'Router keeps rebooting', language: 'en' },
  { type: 'sales', name: 'Kenji Watanabe', from: '+1 646 555 0188', account: 'ACME-31877', subject: 'Upgrade to the business plan', language: 'en' },
  { type: 'support', name: 'Lucía Fernández', from: '+34 910 555 021', account: 'ACME-44120', subject: 'Factura duplicada', language: 'es' },
  { type: 'billing', name: 'Omar Haddad', from: '+44 20 5550 1172', account: 'ACME-12054', subject: 'Refund for March', language: 'en' },
  { type: 'support', name: 'Grace Okafor', from: '+1 312 555 0199', account: 'ACME-57302', subject: 'Cannot sign in to the portal', language: 'en' },
];

/** Rejects once `signal` aborts. */
function abortable(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Polls `check` until it answers something truthy, or fails after `timeout` ms. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  { timeout = 8000, interval = 150, signal }: { timeout?: number; interval?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  const aborted = abortable(signal);
  for (;;) {
    signal?.throwIfAborted();
    const value = await Promise.race([check(), aborted]);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, interval)), aborted]);
  }
}

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length]!;
}

/** Scenario actions on the local server. */
export class Scenarios {
  private activitiesCache: Promise<Resource[]> | undefined;
  private created = 0;

  constructor(readonly server: LocalServer) {}

  activities(): Promise<Resource[]> {
    this.activitiesCache ??= this.server.list('Activities', 'activities');
    return this.activitiesCache;
  }

  /** The activity a "go available" means: one named Available (or Idle), else any available one. */
  async availableActivity(): Promise<Resource> {
    const activities = await this.activities();
    const available = activities.filter((activity) => activity['available'] === true);
    const found =
      available.find((activity) => /^(available|idle)$/i.test(String(activity['friendly_name']))) ?? available[0];
    if (!found) throw new Error('The workspace has no available activity');
    return found;
  }

  /** The first unavailable activity with a name like Offline (else any unavailable one). */
  async offlineActivity(): Promise<Resource> {
    const activities = await this.activities();
    const unavailable = activities.filter((activity) => activity['available'] !== true);
    const found = unavailable.find((activity) => /offline/i.test(String(activity['friendly_name']))) ?? unavailable[0];
    if (!found) throw new Error('The workspace has no unavailable activity');
    return found;
  }

  workers(): Promise<Resource[]> {
    return this.server.list('Workers', 'workers');
  }

  worker(workerSid: string): Promise<Resource> {
    return this.server.rest('GET', `Workers/${workerSid}`);
  }

  workflows(): Promise<Resource[]> {
    return this.server.list('Workflows', 'workflows');
  }

  taskChannels(): Promise<Resource[]> {
    return this.server.list('TaskChannels', 'channels');
  }

  channels(workerSid: string): Promise<Resource[]> {
    return this.server.list(`Workers/${workerSid}/Channels`, 'channels');
  }

  setActivity(workerSid: string, activitySid: string): Promise<Resource> {
    return this.server.rest('POST', `Workers/${workerSid}`, { ActivitySid: activitySid });
  }

  async makeAvailable(workerSid: string): Promise<void> {
    const worker = await this.worker(workerSid);
    if (worker['available'] === true) return;
    await this.setActivity(workerSid, (await this.availableActivity()).sid);
  }

  createWorker(friendlyName: string, attributes: Record<string, unknown>): Promise<Resource> {
    return this.server.rest('POST', 'Workers', { FriendlyName: friendlyName, Attributes: JSON.stringify(attributes) });
  }

  updateWorkerAttributes(workerSid: string, attributes: Record<string, unknown>): Promise<Resource> {
    return this.server.rest('POST', `Workers/${workerSid}`, { Attributes: JSON.stringify(attributes) });
  }

  setCapacity(workerSid: string, channel: string, capacity: number): Promise<Resource> {
    return this.server.rest('POST', `Workers/${workerSid}/Channels/${channel}`, { Capacity: capacity });
  }

  /** Creates one task, or `count` of them at once (a burst). */
  async createTasks(spec: TaskSpec, count = 1): Promise<Resource[]> {
    const workflowSid = spec.workflowSid ?? (await this.workflows())[0]?.sid;
    if (!workflowSid) throw new Error('The workspace has no workflow');
    const one = () =>
      this.server.rest('POST', 'Tasks', {
        WorkflowSid: workflowSid,
        Attributes: JSON.stringify(spec.attributes),
        Priority: spec.priority,
        TaskChannel: spec.channel,
        Timeout: spec.timeout,
        RoutingTarget: spec.routingTarget,
      });
    return Promise.all(Array.from({ length: count }, one));
  }

  /** The next caller of the demo list, so successive tasks look different. */
  nextCaller(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...pick(CALLERS, this.created++), ...extra };
  }

  /** Tasks not yet completed or canceled. */
  async openTasks(): Promise<Resource[]> {
    const statuses = ['pending', 'reserved', 'assigned', 'wrapping'];
    const lists = await Promise.all(
      statuses.map((status) => this.server.list('Tasks', 'tasks', { AssignmentStatus: status })),
    );
    return lists.flat();
  }

  /** Cancels every task still waiting (pending or reserved): a clean slate for the queues. */
  async cancelWaitingTasks(): Promise<number> {
    const tasks = (await this.openTasks()).filter((task) =>
      ['pending', 'reserved'].includes(String(task['assignment_status'])),
    );
    await Promise.all(
      tasks.map((task) =>
        this.server.rest('POST', `Tasks/${task.sid}`, { AssignmentStatus: 'canceled', Reason: 'Canceled from the demo' }),
      ),
    );
    return tasks.length;
  }

  acceptReservation(reservation: Resource): Promise<Resource> {
    return this.server.rest('POST', `Tasks/${String(reservation['task_sid'])}/Reservations/${reservation.sid}`, {
      ReservationStatus: 'accepted',
    });
  }

  reservations(workerSid: string, status?: string): Promise<Resource[]> {
    return this.server.list(`Workers/${workerSid}/Reservations`, 'reservations', status ? { ReservationStatus: status } : {});
  }

  /**
   * Makes the agent's phone ring: the agent goes available and, unless a reservation is already pending,
   * a task is created for them. Resolves with the pending reservation.
   */
  async ringAgent(workerSid: string, signal?: AbortSignal): Promise<Resource> {
    await this.makeAvailable(workerSid);
    const pending = await this.reservations(workerSid, 'pending');
    if (pending[0]) return pending[0];
    await this.createTasks({ attributes: this.nextCaller(), routingTarget: workerSid });
    return waitFor('a reservation for the agent', async () => (await this.reservations(workerSid, 'pending'))[0], {
      signal,
    });
  }

  /**
   * Leaves the agent with nothing to do: Offline first (so nothing new is routed to them), pending
   * reservations rejected, accepted work completed.
   */
  async clearAgent(workerSid: string): Promise<void> {
    const offline = (await this.offlineActivity()).sid;
    await this.setActivity(workerSid, offline);
    for (const reservation of await this.reservations(workerSid)) {
      const status = String(reservation['reservation_status']);
      const taskSid = String(reservation['task_sid']);
      if (status === 'pending') {
        await this.server.rest('POST', `Tasks/${taskSid}/Reservations/${reservation.sid}`, {
          ReservationStatus: 'rejected',
          WorkerActivitySid: offline,
        });
      } else if (status === 'accepted' || status === 'wrapping') {
        await this.server.rest('POST', `Tasks/${taskSid}`, { AssignmentStatus: 'completed', Reason: 'Cleared from the demo' });
      }
    }
  }

  /** Closes the event-bridge sockets (all, or one worker's); clients see the drop and reconnect. */
  dropSockets(workerSid?: string): Promise<unknown> {
    return this.server.dev('scenario/drop-sockets', workerSid ? { workerSid } : {});
  }

  /** Makes the server treat a worker's current token as expired; the client must fetch a new one. */
  expireToken(workerSid: string): Promise<unknown> {
    return this.server.dev('scenario/expire-token', { workerSid });
  }

  /** Asks the server to restart (a new process on the same database, when run by `npm start`). */
  restartServer(): Promise<unknown> {
    return this.server.dev('scenario/restart');
  }
}
