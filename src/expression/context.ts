import type { Key } from './ast.js';

/** What an expression is evaluated against. */
export interface EvaluationContext {
  /**
   * Where unprefixed keys are read: worker attributes for a TaskQueue's target_workers,
   * task attributes for a workflow filter expression, and for a target's `skip_if`
   * an object like `{ workers: { available: 0, unavailable: 3, WAxx: 1 } }`.
   * Absent → every unprefixed key is missing.
   */
  attributes?: unknown;
  /** Read by `task.x` keys. */
  task?: unknown;
  /**
   * Read by `worker.x` keys, including `worker.sid`, `worker.activity_name` and
   * `worker.channel.<name>.<field>` (the engine builds this object).
   */
  worker?: unknown;
  /** Clock for `taskrouter.*` variables (UTC); defaults to `Date.now()`. */
  now?: Date | number;
}

/** Reads one key's value from a context; missing values come back as `null`. */
export type KeyReader = (context: EvaluationContext) => unknown;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const TASKROUTER_READERS: Record<string, (now: Date) => number | string> = {
  currentTime: (now) => now.getUTCHours() * 100 + now.getUTCMinutes(),
  // The time-of-day doc describes currentHour as an "HH" string; numeric comparisons still work (see compile()).
  currentHour: (now) => String(now.getUTCHours()).padStart(2, '0'),
  currentMin: (now) => now.getUTCMinutes(),
  dayOfWeek: (now) => DAYS[now.getUTCDay()],
};

const ROOTS: Record<Exclude<Key['scope'], 'taskrouter'>, (context: EvaluationContext) => unknown> = {
  attributes: (context) => context.attributes,
  task: (context) => context.task,
  worker: (context) => context.worker,
};

/** Builds the reader for a key once, so evaluation only walks the path. */
export function keyReader(key: Key): KeyReader {
  if (key.scope === 'taskrouter') {
    const read = TASKROUTER_READERS[key.path[0] as string];
    if (!read) throw new TypeError(`Unknown TaskRouter variable "${key.text}"`);
    return (context) => read(clock(context.now));
  }
  const root = ROOTS[key.scope];
  const steps = key.path.map(step);
  if (steps.length === 1) {
    const [first] = steps;
    return (context) => orNull(first(root(context)));
  }
  return (context) => {
    let value = root(context);
    for (let i = 0; i < steps.length && value !== undefined; i++) value = steps[i](value);
    return orNull(value);
  };
}

/**
 * Whether `root` has a value, null included, at a key's `path`, read by the rules expressions read keys with: so a
 * tool can tell a key that is missing (which an expression reads as null) from one that is there.
 */
export function hasKeyPath(root: unknown, path: readonly (string | number)[]): boolean {
  let value = root;
  for (const segment of path) if ((value = step(segment)(value)) === undefined) return false;
  return true;
}

type Step = (value: unknown) => unknown;

/**
 * One path segment: numbers index arrays, names read own properties of non-array
 * objects. Names that exist on `Object.prototype` (`constructor`, `toString`,
 * `__proto__`, …) get an own-property check; the others need none, which keeps
 * the common case fast.
 */
function step(segment: string | number): Step {
  if (typeof segment === 'number') return (value) => (Array.isArray(value) ? value[segment] : undefined);
  if (segment in Object.prototype) {
    return (value) => (isRecord(value) && Object.hasOwn(value, segment) ? value[segment] : undefined);
  }
  return (value) => (isRecord(value) ? value[segment] : undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

function clock(now: Date | number | undefined): Date {
  if (now instanceof Date) return now;
  return new Date(now ?? Date.now());
}
