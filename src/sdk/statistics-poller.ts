import type { TaskRouterClientOptions, TaskRouterClientState } from './client-types.js';
import { toFields } from './convert.js';
import { loadPage, type Page } from './list.js';
import { CORE, type StatisticsFields } from './resource.js';
import type { TaskQueue } from './taskqueue.js';
import { statisticsView } from './views.js';
import type { Workspace } from './workspace.js';

/** What the poller reads from the client that owns it. */
export interface PolledClient {
  readonly workspace: Workspace | null;
  readonly taskQueue: TaskQueue | null;
  readonly state: TaskRouterClientState;
  readonly options: TaskRouterClientOptions;
}

type QueueStatistics = TaskRouterClientState['queueStatistics'];

/** Keeps the statistics of the watched queues fresh: on an interval, and soon after the events that change them. */
export interface StatisticsPoller {
  /**
   * Chooses the queues, by SID or friendly name (`null` = all the client's queues, `[]` = none: no polling), and
   * the cumulative window in minutes (default: the `statisticsMinutes` option); then starts.
   */
  watch(queues: string[] | null, minutes?: number): void;
  /** (Re)starts the interval, when the client has a queue connection and something to watch, and refreshes soon. */
  start(): void;
  /** Fetches the statistics now (concurrent calls share one fetch). */
  refresh(): Promise<void>;
  /** Refreshes within a second; the refreshes that events ask for are coalesced to one a second, however busy the workspace. */
  soon(): void;
  /** Stops the interval and the refresh asked for soon. */
  stop(): void;
}

/**
 * The statistics poller of a TaskRouterClient. (A closure rather than a class: it minifies smaller, and the SDK
 * is over its size budget.)
 * @param client - the connections the statistics come from, the queues, and the `statistics…` options
 * @param closed - whether the client is closed (then nothing is polled)
 * @param show - puts fetched statistics in the client's state
 * @param report - reports a background refresh's failure
 */
export function statisticsPoller(
  client: PolledClient,
  closed: () => boolean,
  show: (statistics: QueueStatistics) => void,
  report: (error: unknown) => void,
): StatisticsPoller {
  let watched: string[] | null = null;
  let windowMinutes: number | undefined;
  let interval: ReturnType<typeof setInterval> | undefined;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<void> | undefined;
  /** Nothing to poll: the client is closed, or watches no queue. */
  const idle = () => closed() || watched?.length === 0;
  /** A refresh in the background, its failure reported. */
  const poll = () => void poller.refresh().catch(report);

  /**
   * With a workspace connection, one paged list request covers every queue (TaskQueues/Statistics), however
   * many a page watches; a task queue connection asks for its own queue's statistics.
   */
  async function load(): Promise<void> {
    const { workspace, taskQueue } = client;
    const queues = client.state.queues.filter((q) => !watched || watched.includes(q.sid) || watched.includes(q.friendlyName));
    if (!queues.length || !(workspace || taskQueue)) return;
    const params = { Minutes: windowMinutes ?? client.options.statisticsMinutes ?? 60 };
    const fetched = new Map<string, StatisticsFields>();
    if (workspace) {
      const core = workspace[CORE];
      const first = loadPage<StatisticsFields>(core, `${core.workspaceUrl}/TaskQueues/Statistics`, { ...params, PageSize: 1000 }, toFields);
      for (let page: Page<StatisticsFields> | null = await first; page; page = page.hasNext ? await page.next() : null) {
        for (const item of page.data) fetched.set(item.taskQueueSid, item);
      }
    } else if (taskQueue) fetched.set(taskQueue.sid, await taskQueue.statistics.fetch(params));
    // The queues watched now, no others (one deleted or no longer watched leaves the table and its totals).
    const statistics: QueueStatistics = {};
    for (const q of queues) {
      const previous = client.state.queueStatistics[q.sid];
      const fresh = fetched.get(q.sid);
      const view = fresh ? statisticsView(q.sid, q.friendlyName, fresh, previous) : previous;
      if (view) statistics[q.sid] = view;
    }
    show(statistics);
  }

  const poller: StatisticsPoller = {
    watch(queues, minutes) {
      watched = queues;
      windowMinutes = minutes;
      poller.start();
    },
    start() {
      clearInterval(interval);
      if (idle() || !(client.workspace || client.taskQueue)) return;
      // A hidden page needs no fresh numbers; the next visible tick catches up.
      interval = setInterval(() => globalThis.document?.hidden || poll(), client.options.statisticsInterval ?? 10000);
      poller.soon();
    },
    refresh() {
      return (refreshing ??= load().finally(() => (refreshing = undefined)));
    },
    soon() {
      if (soonTimer || idle()) return;
      soonTimer = setTimeout(() => {
        soonTimer = undefined;
        poll();
      }, 1000);
    },
    stop() {
      clearInterval(interval);
      clearTimeout(soonTimer);
      soonTimer = undefined;
    },
  };
  return poller;
}
