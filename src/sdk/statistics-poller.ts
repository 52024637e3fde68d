import type { QueueView, TaskRouterClientOptions, TaskRouterClientState } from './client-types.js';
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
   * Watches queues, by SID or friendly name (`null` = all the client's queues, `[]` = none), with a cumulative window
   * in minutes (default: the `statisticsMinutes` option), until the function returned is called. Several watchers
   * are served together: the union of their queues, each window once. With no watcher, nothing is polled.
   */
  watch(queues: string[] | null, minutes?: number): () => void;
  /** (Re)starts the interval, when the client has a queue connection and something to watch, and refreshes soon. */
  start(): void;
  /** Fetches the statistics now (concurrent calls share one fetch). */
  refresh(): Promise<void>;
  /**
   * Refreshes within a second; the refreshes that events ask for are coalesced to one a second, however busy the
   * workspace, and wait while the page is hidden.
   */
  soon(): void;
  /** Stops the interval and the refresh asked for soon. */
  stop(): void;
}

interface Watch {
  queues: string[] | null;
  minutes: number | undefined;
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
  const watches = new Set<Watch>();
  let interval: ReturnType<typeof setInterval> | undefined;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<void> | undefined;
  const hidden = () => !!globalThis.document?.hidden;
  const wanted = (q: QueueView) => [...watches].some(({ queues }) => !queues || queues.includes(q.sid) || queues.includes(q.friendlyName));
  /** Nothing to poll: the client is closed, or no queue is watched. */
  const idle = () => closed() || ![...watches].some(({ queues }) => !queues || queues.length);
  /** A refresh in the background, its failure reported. */
  const poll = () => void poller.refresh().catch(report);
  /** A page shown again catches up at once rather than at the next tick. */
  const onVisible = () => hidden() || poller.soon();

  /**
   * With a workspace connection, one paged list request per window covers every queue (TaskQueues/Statistics),
   * however many a page watches; a task queue connection asks for its own queue's statistics, per window too.
   */
  async function load(): Promise<void> {
    const { workspace, taskQueue } = client;
    const queues = client.state.queues.filter(wanted);
    if (!queues.length || !(workspace || taskQueue)) return;
    const windows = new Set([...watches].map(({ minutes }) => minutes ?? client.options.statisticsMinutes ?? 60));
    const fetched = new Map<string, { realtime?: StatisticsFields; cumulative: Record<number, StatisticsFields> }>();
    const add = (minutes: number, { taskQueueSid = taskQueue?.sid, realtime, cumulative }: StatisticsFields) => {
      const entry = fetched.get(taskQueueSid) ?? { cumulative: {} };
      fetched.set(taskQueueSid, { realtime, cumulative: { ...entry.cumulative, [minutes]: cumulative } });
    };
    await Promise.all([...windows].map(async (minutes) => {
      if (workspace) {
        const core = workspace[CORE];
        const first = loadPage<StatisticsFields>(core, `${core.workspaceUrl}/TaskQueues/Statistics`, { Minutes: minutes, PageSize: 1000 }, toFields);
        for (let page: Page<StatisticsFields> | null = await first; page; page = page.hasNext ? await page.next() : null) {
          for (const item of page.data) add(minutes, item);
        }
      } else if (taskQueue) add(minutes, await taskQueue.statistics.fetch({ Minutes: minutes }));
    }));
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
      const watch = { queues, minutes };
      watches.add(watch);
      poller.start();
      return () => {
        if (!watches.delete(watch)) return;
        if (idle()) poller.stop();
        else poller.soon();
      };
    },
    start() {
      poller.stop();
      if (idle() || !(client.workspace || client.taskQueue)) return;
      // A hidden page needs no fresh numbers; the next visible tick catches up.
      interval = setInterval(() => hidden() || poll(), client.options.statisticsInterval ?? 10000);
      globalThis.document?.addEventListener('visibilitychange', onVisible);
      poller.soon();
    },
    refresh() {
      return (refreshing ??= load().finally(() => (refreshing = undefined)));
    },
    soon() {
      if (soonTimer || idle() || hidden()) return;
      soonTimer = setTimeout(() => {
        soonTimer = undefined;
        poll();
      }, 1000);
    },
    stop() {
      clearInterval(interval);
      clearTimeout(soonTimer);
      soonTimer = undefined;
      globalThis.document?.removeEventListener('visibilitychange', onVisible);
    },
  };
  return poller;
}
