import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineCore } from '../../../src/server/engine/core.js';
import { FullScanMatcher, IndexedMatcher, type Matcher } from '../../../src/server/engine/routing/matcher.js';
import type { TaskQueueRecord, WorkerRecord } from '../../../src/server/engine/store/records.js';
import { fixture, type Fixture } from './helpers.js';
import { violations } from './invariants.js';
import { seededRandom as random } from '../../support/random.js';

/** Asks both matchers every question and fails on the first disagreement. */
class CheckingMatcher implements Matcher {
  calls = 0;
  constructor(
    private readonly indexed: Matcher,
    private readonly scan: Matcher,
  ) {}
  readyWorkers(queue: TaskQueueRecord, channel: string) {
    return this.same('readyWorkers', [...this.indexed.readyWorkers(queue, channel)], [...this.scan.readyWorkers(queue, channel)]);
  }
  waitingTasks(queue: TaskQueueRecord, channel: string) {
    return this.same('waitingTasks', [...this.indexed.waitingTasks(queue, channel)], [...this.scan.waitingTasks(queue, channel)]);
  }
  queuesOf(worker: WorkerRecord) {
    const indexed = [...this.indexed.queuesOf(worker)].sort();
    return this.same('queuesOf', indexed, [...this.scan.queuesOf(worker)].sort());
  }
  readyChannels(worker: WorkerRecord) {
    const indexed = this.indexed.readyChannels(worker).sort();
    this.same('readyChannels', indexed, this.scan.readyChannels(worker).sort());
    return indexed;
  }
  private same<T>(what: string, indexed: T[], scan: T[]): T[] {
    this.calls++;
    assert.deepEqual(indexed, scan, `${what}: the index disagrees with a full scan`);
    return indexed;
  }
}

function scenario(multiTask: boolean, seed: number): { checks: number; f: Fixture } {
  const f = fixture({ multi_task_enabled: multiTask, prioritize_queue_order: seed % 2 ? 'LIFO' : 'FIFO' });
  const core = (f.engine as unknown as { core: EngineCore }).core;
  const checker = new CheckingMatcher(new IndexedMatcher(core.index), new FullScanMatcher(core.model, core.expressions));
  (core as { matcher: Matcher }).matcher = checker;
  const rand = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
  const skills = ['a', 'b', 'c', 'd'];
  const queues = skills.map((skill, i) =>
    f.engine.taskQueues.create(f.ws, {
      friendly_name: `q-${skill}`,
      target_workers: `skills HAS "${skill}"`,
      max_reserved_workers: 1 + (i % 3),
      task_order: i % 2 ? 'LIFO' : 'FIFO',
    }).sid,
  );
  f.engine.workflows.create(f.ws, {
    friendly_name: 'by skill',
    configuration: {
      task_routing: {
        filters: skills.map((skill, i) => ({ expression: `need == "${skill}"`, targets: [{ queue: queues[i]!, timeout: 40 }, { queue: queues[(i + 1) % 4]! }] })),
      },
    },
    task_reservation_timeout: 60,
  });
  const workers = Array.from({ length: 12 }, (_, i) =>
    f.worker(`w${i}`, { skills: skills.filter(() => rand() < 0.4) }, pick(['Available', 'Offline'])).sid,
  );
  const channels = ['default', 'voice', 'chat'];
  for (let step = 0; step < 400; step++) {
    f.clock.advance(Math.floor(rand() * 4000));
    const roll = rand();
    const worker = pick(workers);
    if (roll < 0.3) {
      f.task({ need: pick(skills) }, { priority: Math.floor(rand() * 3), task_channel: pick(channels), timeout: 60 + Math.floor(rand() * 200) });
    } else if (roll < 0.5) {
      const reserved = f.engine.tasks.list(f.ws, { assignment_status: 'reserved' }).items;
      const pending = reserved.length ? f.reservations(pick(reserved).sid, 'pending') : [];
      if (pending.length) {
        const r = pick(pending);
        if (rand() < 0.7) f.engine.reservations.accept(f.ws, r.sid);
        else f.engine.reservations.reject(f.ws, r.sid, rand() < 0.5 ? f.activity.Offline : undefined);
      }
    } else if (roll < 0.65) {
      const assigned = f.engine.tasks.list(f.ws, { assignment_status: 'assigned' }).items;
      if (assigned.length) f.engine.tasks.update(f.ws, pick(assigned).sid, { assignment_status: 'completed' });
    } else if (roll < 0.8) {
      f.setActivity(worker, pick(['Available', 'Available', 'Offline', 'Unavailable']));
    } else if (roll < 0.87) {
      f.engine.workers.update(f.ws, worker, { attributes: { skills: skills.filter(() => rand() < 0.5) } });
    } else if (roll < 0.93) {
      f.engine.workerChannels.update(f.ws, worker, pick(channels), { capacity: Math.floor(rand() * 3), available: rand() < 0.85 });
    } else if (roll < 0.96) {
      const queue = pick(queues);
      f.engine.taskQueues.update(f.ws, queue, { target_workers: `skills HAS "${pick(skills)}" OR skills HAS "${pick(skills)}"` });
    } else {
      const waiting = f.engine.tasks.list(f.ws, { assignment_status: ['pending', 'reserved'] }).items;
      if (waiting.length) f.engine.tasks.update(f.ws, pick(waiting).sid, { priority: Math.floor(rand() * 5) });
    }
    if (step % 50 === 49) {
      const account = f.engine.workspaces.list(f.engine.accounts.list()[0]!.sid).items[0]!.account_sid;
      assert.deepEqual(violations(f.engine, f.ws, account), [], `invariants after step ${step}`);
    }
  }
  return { checks: checker.calls, f };
}

describe('indexed matcher vs full scan', () => {
  for (const [multiTask, seed] of [[false, 1], [false, 2], [true, 3], [true, 4]] as const) {
    it(`agree on every routing question in a random ${multiTask ? 'multitasking' : 'single-tasking'} scenario (seed ${seed})`, () => {
      const { checks, f } = scenario(multiTask, seed);
      assert.ok(checks > 500, `asked ${checks} questions`);
      const stats = f.engine.statistics.workspaceCumulative(f.ws, { minutes: 1000 });
      assert.ok(stats.reservations_created > 50 && stats.reservations_accepted > 20, JSON.stringify(stats));
      f.close();
    });
  }
});
