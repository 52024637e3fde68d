/**
 * The elements benchmark page (bundled and run in headless Chromium by bench/elements.bench.mjs).
 *
 * Two workloads, each updated ten times a second: an inbox of 200 reservations (the clock moves and one
 * reservation changes per update) and a statistics table of 500 queues (every queue gets a fresh
 * statistics object per refresh, as the SDK makes them, a tenth of them with new figures). Each update
 * is timed from the state change to the committed DOM plus a layout read, once updating the live
 * element in place and once rendering a new element from scratch with the same state.
 */
import type { ReservationView, QueueStatisticsView } from '../../src/context/client-types.js';

interface Figures {
  /** Time per update, state change to committed DOM plus style and layout. */
  median: number;
  p95: number;
  /** The script part alone: state change to committed DOM. */
  scriptMedian: number;
}
export interface BenchResult {
  updates: number;
  inbox: { inPlace: Figures; scratch: Figures };
  stats: { inPlace: Figures; scratch: Figures };
}

const RESERVATIONS = 200;
const QUEUES = 500;
const INTERVAL_MS = 100; // ten updates a second

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const figures = (samples: number[], script: number[]): Figures =>
  ({ median: percentile(samples, 50), p95: percentile(samples, 95), scriptMedian: percentile(script, 50) });
const pause = () => new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));

async function run(updates: number): Promise<BenchResult> {
  await import('../../src/elements/index.js'); // defines the elements
  const { ticker } = await import('../../src/elements/internal/clock.js');
  const fake = await import('../../test/elements/fake-client.js');
  const stage = document.getElementById('stage')!;
  let now = fake.EPOCH;
  ticker.now = () => now;

  /**
   * Times `updates` updates at 10 Hz: `prepare` makes the next state (not timed: that is the client's
   * work), `change` applies it, `render` waits until the DOM shows it.
   */
  async function measure(prepare: (i: number) => () => void, render: () => Promise<void>): Promise<Figures> {
    const samples: number[] = [];
    const script: number[] = [];
    for (let i = 0; i < updates; i++) {
      await pause();
      const change = prepare(i);
      const start = performance.now();
      change();
      await render();
      script.push(performance.now() - start);
      stage.getBoundingClientRect(); // include style and layout
      samples.push(performance.now() - start);
    }
    return figures(samples, script);
  }

  /** Runs a workload in place and from scratch, with the same sequence of states. */
  async function workload<T extends HTMLElement & { client: unknown; updateComplete: Promise<boolean> }>(
    tag: string,
    initial: () => InstanceType<typeof fake.FakeClient>,
    step: (client: InstanceType<typeof fake.FakeClient>, i: number) => () => void,
  ) {
    const mount = (client: unknown) => {
      const el = document.createElement(tag) as T;
      el.client = client;
      stage.replaceChildren(el);
      return el;
    };
    let client = initial();
    const live = mount(client);
    await live.updateComplete;
    const inPlace = await measure((i) => step(client, i), async () => {
      ticker.tick();
      await live.updateComplete;
    });
    client = initial();
    let el = mount(client);
    await el.updateComplete;
    const scratch = await measure((i) => step(client, i), async () => {
      el = mount(client);
      await el.updateComplete;
    });
    stage.replaceChildren();
    return { inPlace, scratch };
  }

  const inbox = await workload(
    'tr-reservation-inbox',
    () => {
      now = fake.EPOCH;
      const reservations: ReservationView[] = Array.from({ length: RESERVATIONS }, (_, i) =>
        fake.makeReservation({
          status: i % 4 === 0 ? 'accepted' : 'pending',
          dateCreated: new Date(fake.EPOCH - i * 1000),
          task: { priority: i % 10, attributes: { name: `Customer ${i}`, phone: `+1 555 01${i}`, topic: i % 2 ? 'billing' : 'support' } },
        }),
      );
      return new fake.FakeClient(fake.connectedState({ reservations }));
    },
    (client, i) => {
      const reservations = client.state.reservations.slice();
      const k = (i * 7) % RESERVATIONS;
      reservations[k] = { ...reservations[k]!, task: { ...reservations[k]!.task, priority: i % 10 } };
      return () => {
        now += 1000; // every age and countdown changes
        client.set({ reservations });
      };
    },
  );

  const stats = await workload(
    'tr-queue-stats',
    () => {
      const queues = Array.from({ length: QUEUES }, (_, i) => fake.makeQueue({ sid: `WQ${i}`, friendlyName: `Queue ${String(i).padStart(3, '0')}` }));
      const queueStatistics: Record<string, QueueStatisticsView> = {};
      queues.forEach((queue, i) => (queueStatistics[queue.sid] = fake.makeStats(queue, i % 13)));
      return new fake.FakeClient(fake.connectedState({ queues, queueStatistics }));
    },
    (client, i) => {
      const queueStatistics: Record<string, QueueStatisticsView> = {};
      for (const [sid, old] of Object.entries(client.state.queueStatistics)) {
        const changed = (Number(sid.slice(2)) + i) % 10 === 0;
        const waiting = changed ? (old.realtime.tasksByStatus.pending + 1) % 20 : old.realtime.tasksByStatus.pending;
        const at = new Date(Number(old.updatedAt) + 10_000);
        queueStatistics[sid] = {
          ...old,
          updatedAt: at,
          realtime: { ...old.realtime, tasksByStatus: { ...old.realtime.tasksByStatus, pending: waiting }, longestTaskWaitingAge: waiting * 9 },
          history: [...old.history, { at, waiting, availableWorkers: 2 }].slice(-60),
        };
      }
      return () => client.set({ queueStatistics });
    },
  );

  return { updates, inbox, stats };
}

const updateCount = (window as { BENCH_UPDATES?: number }).BENCH_UPDATES ?? 60;
run(updateCount).then(
  (result) => ((window as { benchResult?: BenchResult }).benchResult = result),
  (error) => ((window as { benchError?: string }).benchError = String(error?.stack ?? error)),
);
