/**
 * The engine's shared state and its one way to change it: {@link EngineCore.mutate}
 * runs a change as one SQLite transaction, routes whatever the change made
 * routable, commits, then publishes the events. Services, the lifecycle and the
 * router all work through this object.
 */
import { systemClock, type Clock } from './clock.js';
import { Emitter } from './emitter.js';
import { EventLog } from './events.js';
import { ExpressionCache } from './expressions.js';
import { Lifecycle } from './lifecycle.js';
import { WorkerContexts } from './routing/contexts.js';
import { FullScanMatcher, IndexedMatcher, type Matcher, type MatcherKind } from './routing/matcher.js';
import { Router } from './routing/router.js';
import { RoutingIndex } from './routing/routing-index.js';
import { WorkflowPlans } from './routing/steps.js';
import { Scheduler } from './scheduler.js';
import { openDatabase, type DatabaseOptions, type SqliteDatabase } from './store/database.js';
import { Model } from './store/model.js';
import { UnitOfWork } from './store/unit-of-work.js';
import { Views } from './views.js';

/** Options of {@link openEngine}. */
export interface EngineOptions extends DatabaseOptions {
  /** Time source; default the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** `indexed` (default) or `full-scan` (the naive baseline, for benchmarks and cross-checks). */
  matcher?: MatcherKind;
  /** How long completed and canceled tasks are kept (ms); TaskRouter keeps them 5 minutes. `null`: forever. */
  finishedTaskRetentionMs?: number | null;
  /** Where errors from timers and event listeners go; default `console.error`. */
  onError?: (error: unknown) => void;
}

/** Timer kinds; keys are `<kind>:<sid>`. `clock`: a waiting task whose target reads the time of day. */
export type TimerKind = 'reservation' | 'step' | 'ttl' | 'purge' | 'clock';

export class EngineCore {
  readonly clock: Clock;
  readonly db: SqliteDatabase;
  readonly uow: UnitOfWork;
  readonly model: Model;
  readonly log: EventLog;
  readonly views: Views;
  readonly emit: Emitter;
  readonly expressions = new ExpressionCache();
  readonly contexts: WorkerContexts;
  readonly index: RoutingIndex;
  readonly plans: WorkflowPlans;
  readonly matcher: Matcher;
  readonly scheduler: Scheduler;
  readonly lifecycle: Lifecycle;
  readonly router: Router;
  readonly retentionMs: number | null;
  private readonly onError: (error: unknown) => void;
  private closed = false;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.onError = options.onError ?? ((error) => console.error('[taskrouter engine]', error));
    this.retentionMs = options.finishedTaskRetentionMs === undefined ? 5 * 60_000 : options.finishedTaskRetentionMs;
    const now = () => this.clock.now();
    this.db = openDatabase(options);
    this.uow = new UnitOfWork(this.db);
    this.model = new Model(this.db, this.uow);
    this.log = new EventLog(this.db, this.uow, now);
    this.views = new Views(this.model, now);
    this.emit = new Emitter(this.model, this.views, this.log, now);
    this.contexts = new WorkerContexts(this.model, this.views);
    this.index = new RoutingIndex(this.model, this.expressions, this.contexts);
    this.plans = new WorkflowPlans(this.model, this.expressions);
    this.matcher = options.matcher === 'full-scan' ? new FullScanMatcher(this.model, this.expressions) : new IndexedMatcher(this.index);
    this.scheduler = new Scheduler(this.clock, this.uow, (key) => this.fire(key));
    this.lifecycle = new Lifecycle(this);
    this.router = new Router(this);
    this.model.load();
    this.index.markAll();
    this.index.sync();
    this.index.clearWork();
    this.lifecycle.rearmTimers();
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Runs `fn` as one transaction (or inside the open one), then routes, commits
   * and publishes the events. If anything throws, nothing is kept.
   */
  mutate<T>(fn: () => T): T {
    if (this.uow.active) return fn();
    if (this.closed) throw new Error('The engine is closed');
    let result: T;
    try {
      result = this.uow.run(() => {
        const value = fn();
        this.router.flush();
        return value;
      });
    } catch (error) {
      this.index.clearWork();
      throw error;
    }
    this.log.publish(this.onError);
    return result;
  }

  /** Sets timer `<kind>:<sid>` to fire at `at`. */
  setTimer(kind: TimerKind, sid: string, at: number): void {
    this.scheduler.set(`${kind}:${sid}`, at);
  }

  clearTimer(kind: TimerKind, sid: string): void {
    this.scheduler.clear(`${kind}:${sid}`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.scheduler.stop();
    this.db.close();
  }

  private fire(key: string): void {
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon) as TimerKind;
    const sid = key.slice(colon + 1);
    try {
      this.mutate(() => this.lifecycle.onTimer(kind, sid));
    } catch (error) {
      this.onError(error);
    }
  }
}
