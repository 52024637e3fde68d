/**
 * The actions that move the local server into a state: they back the scenario panel and the stories'
 * setups, so a state a story shows can also be reached by hand. Everything goes through TaskRouter's
 * REST API, except what only a dev endpoint can do (drop sockets, restart) and what happens in the
 * client itself (a token that lapses).
 */
import { CALLERS } from './callers.js';
import type { LocalServer, Resource, ServerError } from './local-server.js';
import { abortable, sleep, waitFor } from './wait.js';

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
  /**
   * A worker SID: only that worker may get the task (TaskRouter's `RoutingTarget`), once it is available and has
   * room (`IgnoreCapacity=false`: TaskRouter's default would ring an offline agent too).
   */
  routingTarget?: string;
}

/** A JWT's `exp`, in epoch milliseconds. */
function expiryOf(token: string): number {
  const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return (JSON.parse(atob(payload)) as { exp: number }).exp * 1000;
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
        IgnoreCapacity: spec.routingTarget ? 'false' : undefined,
      });
    return Promise.all(Array.from({ length: count }, one));
  }

  /** The next caller of the demo list, so successive tasks look different. */
  nextCaller(): Record<string, unknown> {
    return { ...pick(CALLERS, this.created++) };
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

  /** Closes the event-bridge sockets of these channels (WK, WQ or WS SIDs); clients reconnect by themselves. */
  async dropSockets(channels: string[]): Promise<number> {
    const answers = await Promise.all(
      channels.map((channel) => this.server.dev<{ dropped: number }>('scenarios/drop-sockets', { channel })),
    );
    return answers.reduce((sum, answer) => sum + answer.dropped, 0);
  }

  /**
   * Makes a client's worker token expire: the connection gets a token that lapses a second later, as if
   * the page had been left open past its token's lifetime. The client must notice (`token.expired`),
   * fetch a fresh token from its own token source, and keep working: proven by a REST call afterwards.
   */
  async expireToken(client: ClientOnCanvas, signal?: AbortSignal): Promise<void> {
    const worker = client.worker;
    if (!worker) throw new Error('No worker connection on the canvas');
    const expired = new Promise<void>((resolve) => worker.once('token.expired', () => resolve()));
    const short = await this.server.workerToken(worker.sid, 1);
    worker.updateToken(short);
    await Promise.race([expired, abortable(signal)]);
    // Past the short token's exp the server refuses it: this fetch works only if the client renewed it.
    await Promise.race([sleep(expiryOf(short) - Date.now() + 250), abortable(signal)]);
    await worker.fetch();
  }

  /** Asks the server to restart (a new process on the same database under `npm start`), and waits for it. */
  async restartServer(signal?: AbortSignal): Promise<void> {
    try {
      await this.server.dev('scenarios/restart');
    } catch (error) {
      if ((error as ServerError).status === 404) throw new Error('this server has no restart endpoint (POST /dev/scenarios/restart)');
      throw error;
    }
    await waitFor('the server to stop', async () => !(await this.server.reachable()), { timeout: 10_000, interval: 50, signal });
    await waitFor('the server to come back', () => this.server.reachable(), { timeout: 30_000, interval: 300, signal });
  }
}

/**
 * What the token scenario needs of a client on the canvas (TaskRouterClient and its v1 Worker), typed
 * structurally: a client inside the CRM page's iframe comes from that frame's copy of the SDK.
 */
export interface ClientOnCanvas {
  worker: {
    sid: string;
    once(event: 'token.expired', listener: () => void): unknown;
    updateToken(token: string): void;
    fetch(): Promise<unknown>;
  } | null;
}
