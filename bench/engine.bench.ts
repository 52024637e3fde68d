// Engine benchmark: a workspace of 10,000 workers, 200 queues and 50,000 tasks.
// Prints, for the indexed engine and for the same engine with a naive full-scan
// matcher on the same data (copied database files, same run):
//   1. reservations created per second as tasks arrive while workers are idle;
//   2. the median cost of one worker becoming available while 45,000 tasks wait
//      (each such call reserves that worker's best task), and the reservations per
//      second of that phase.
// Rates are wall-clock; each also comes per second of process CPU time (all threads),
// which moves less when other work shares the machine.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEngine, type Engine, type MatcherKind } from '../src/server/engine/index.js';
import { seededRandom as random } from '../test/support/random.js';
import { MAX_MINUTES } from '../src/server/engine/statistics/window.js';

const WORKERS = 10_000;
const QUEUES = 200;
const TASKS = 50_000;
const SKILLS = 40;
const LANGUAGES = QUEUES / SKILLS;
const ARRIVALS = 5_000;
const NAIVE_ARRIVALS = 200;
const NAIVE_AVAILABILITY = 60;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
const files = { built: join(dir, 'built.db'), waiting: join(dir, 'waiting.db') };
const open = (file: string, matcher: MatcherKind = 'indexed') => openEngine({ file, matcher, finishedTaskRetentionMs: null });
/** Closing checkpoints the WAL into the main file, so a plain copy is a consistent snapshot. */
const snapshot = (engine: Engine, from: string, to: string) => {
  engine.close();
  copyFileSync(from, to);
};

interface Ids {
  ws: string;
  queues: string[];
  available: string;
}

function build(file: string): Ids {
  const rand = random(42);
  const engine = open(file);
  const account = engine.accounts.create();
  const ws = engine.workspaces.create(account.sid, { friendly_name: 'bench', multi_task_enabled: false }).sid;
  const available = engine.activities.list(ws, { friendly_name: 'Available' }).items[0]!.sid;
  const queues: string[] = [];
  for (let i = 0; i < QUEUES; i++) {
    const skill = `s${i % SKILLS}`;
    const language = `l${Math.floor(i / SKILLS)}`;
    queues.push(
      engine.taskQueues.create(ws, { friendly_name: `${skill}-${language}`, target_workers: `skills HAS "${skill}" AND languages HAS "${language}"` }).sid,
    );
  }
  for (let i = 0; i < WORKERS; i++) {
    const skills = new Set<string>();
    while (skills.size < 3) skills.add(`s${Math.floor(rand() * SKILLS)}`);
    const languages = new Set([`l${Math.floor(rand() * LANGUAGES)}`]);
    if (rand() < 0.5) languages.add(`l${Math.floor(rand() * LANGUAGES)}`);
    // Half the workers start available (they take arriving tasks), half offline.
    engine.workers.create(ws, {
      friendly_name: `worker-${i}`,
      attributes: { skills: [...skills], languages: [...languages] },
      activity_sid: i % 2 === 0 ? available : undefined,
    });
  }
  engine.close();
  return { ws, queues, available };
}

/** CPU time (user + system, ms) this process has used: unlike wall time, unaffected by other load on the machine. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Creates `count` tasks into random queues; returns reservations created per wall-clock and per CPU second. */
function arrivals(engine: Engine, ids: Ids, count: number, seed: number): { perSecond: number; perCpuSecond: number; reservations: number } {
  const rand = random(seed);
  const before = engine.statistics.workspaceCumulative(ids.ws, { minutes: MAX_MINUTES }).reservations_created;
  const start = performance.now();
  const cpuStart = cpuMs();
  for (let i = 0; i < count; i++) {
    engine.tasks.create(ids.ws, { task_queue_sid: ids.queues[Math.floor(rand() * QUEUES)], priority: Math.floor(rand() * 3), attributes: { i } });
  }
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = (cpuMs() - cpuStart) / 1000;
  const reservations = engine.statistics.workspaceCumulative(ids.ws, { minutes: MAX_MINUTES }).reservations_created - before;
  return { perSecond: reservations / seconds, perCpuSecond: reservations / cpuSeconds, reservations };
}

/** Makes offline workers available one by one; returns the median call cost and reservations per second. */
function availability(engine: Engine, ids: Ids, count: number): { medianMs: number; perSecond: number; perCpuSecond: number } {
  const offline = [];
  for (let page = 0; offline.length < count; page++) {
    const result = engine.workers.list(ids.ws, { activity_name: 'Offline', page, page_size: 1000 });
    offline.push(...result.items.slice(0, count - offline.length));
    if (!result.has_next) break;
  }
  const costs: number[] = [];
  let reservations = 0;
  let cpu = 0;
  for (const worker of offline) {
    const start = performance.now();
    const cpuStart = cpuMs();
    engine.workers.update(ids.ws, worker.sid, { activity_sid: ids.available });
    cpu += cpuMs() - cpuStart;
    costs.push(performance.now() - start);
    reservations += engine.reservations.listForWorker(ids.ws, worker.sid, { reservation_status: 'pending' }).items.length;
  }
  return {
    medianMs: median(costs),
    perSecond: reservations / (costs.reduce((a, b) => a + b, 0) / 1000),
    perCpuSecond: reservations / (cpu / 1000),
  };
}

try {
  let t = performance.now();
  const ids = build(files.built);
  console.log(`built ${WORKERS} workers and ${QUEUES} queues in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  copyFileSync(files.built, join(dir, 'naive-arrivals.db'));

  const engine = open(files.built);
  const indexedArrivals = arrivals(engine, ids, ARRIVALS, 7);
  t = performance.now();
  const rand = random(8);
  for (let i = ARRIVALS; i < TASKS; i++) {
    engine.tasks.create(ids.ws, { task_queue_sid: ids.queues[Math.floor(rand() * QUEUES)], priority: Math.floor(rand() * 3), attributes: { i } });
  }
  const creationRate = (TASKS - ARRIVALS) / ((performance.now() - t) / 1000);
  const waiting = engine.statistics.workspaceRealtime(ids.ws).tasks_by_status.pending;
  snapshot(engine, files.built, files.waiting);
  copyFileSync(files.waiting, join(dir, 'naive-waiting.db'));

  t = performance.now();
  const reopened = open(files.waiting);
  const openSeconds = (performance.now() - t) / 1000;
  const indexedAvailability = availability(reopened, ids, WORKERS / 2);
  // Statistics of every queue: the list (two grouped scans of the window for all queues) against asking queue by
  // queue (two scans each), sampled over the first queues.
  t = performance.now();
  const listed = reopened.statistics.taskQueues(ids.ws, { page_size: 1000 }).items.length;
  const listMs = performance.now() - t;
  const STATISTICS_SAMPLE = 20;
  t = performance.now();
  for (const queue of ids.queues.slice(0, STATISTICS_SAMPLE)) reopened.statistics.taskQueue(ids.ws, queue);
  const perQueueMs = (performance.now() - t) / STATISTICS_SAMPLE;
  reopened.close();

  const naive = open(join(dir, 'naive-arrivals.db'), 'full-scan');
  const naiveArrivals = arrivals(naive, ids, NAIVE_ARRIVALS, 7);
  naive.close();
  const naiveWaiting = open(join(dir, 'naive-waiting.db'), 'full-scan');
  const naiveAvailability = availability(naiveWaiting, ids, NAIVE_AVAILABILITY);
  naiveWaiting.close();

  console.log(`${TASKS} tasks, ${waiting} waiting after the arrivals; further task creations: ${creationRate.toFixed(0)}/s; reopening (load + index rebuild): ${openSeconds.toFixed(2)} s`);
  console.log(
    `reservations/s as tasks arrive: indexed ${indexedArrivals.perSecond.toFixed(0)} (${indexedArrivals.reservations} reservations; ` +
      `${indexedArrivals.perCpuSecond.toFixed(0)} per process CPU second), naive full scan ${naiveArrivals.perSecond.toFixed(0)} ` +
      `(${naiveArrivals.perCpuSecond.toFixed(0)} per process CPU second) → ratio ${(indexedArrivals.perSecond / naiveArrivals.perSecond).toFixed(1)}x`,
  );
  console.log(
    `worker becomes available (${waiting} tasks waiting): median indexed ${(indexedAvailability.medianMs * 1000).toFixed(0)} µs, ` +
      `naive ${(naiveAvailability.medianMs * 1000).toFixed(0)} µs → ratio ${(naiveAvailability.medianMs / indexedAvailability.medianMs).toFixed(1)}x; ` +
      `reservations/s ${indexedAvailability.perSecond.toFixed(0)} (${indexedAvailability.perCpuSecond.toFixed(0)} per process CPU second) ` +
      `vs ${naiveAvailability.perSecond.toFixed(0)}`,
  );
  console.log(
    `statistics of all ${listed} queues: list ${listMs.toFixed(0)} ms (${(listMs / listed).toFixed(2)} ms per queue), ` +
      `queue by queue ${perQueueMs.toFixed(2)} ms per queue (sampled over ${STATISTICS_SAMPLE}) → ratio ${(perQueueMs / (listMs / listed)).toFixed(1)}x`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
