/**
 * Workflow configuration documents (protocol.md §6.1): validated on create and
 * update, then turned into a routing plan with every expression compiled once.
 */
import { lineAndColumn, type CompiledExpression } from '../../expression/index.js';
import { invalidParameter } from './errors.js';
import type { ExpressionCache } from './expressions.js';

/** One `order_by` term: a worker attribute path and direction. */
export interface OrderTerm {
  path: string[];
  descending: boolean;
}

/** A routing step: one workflow target (or the default filter, or a queue given directly). */
export interface TargetPlan {
  queueSid: string;
  /** Replaces the task's priority on entry; null keeps it. */
  priority: number | null;
  /** Seconds this step lasts (adds up across the filter's steps); null: until TTL. */
  timeout: number | null;
  /** `task.` / `worker.` expression a worker must also satisfy. */
  expression: CompiledExpression | null;
  orderBy: OrderTerm[] | null;
  skipIf: CompiledExpression | null;
  /** Task attribute path holding the one worker SID (known-agent routing). */
  knownWorkerSid: string[] | null;
  /** Task attribute path holding the one worker friendly name. */
  knownWorkerFriendlyName: string[] | null;
}

export interface FilterPlan {
  name: string;
  expression: CompiledExpression;
  targets: TargetPlan[];
}

/** A validated workflow configuration. */
export interface WorkflowPlan {
  filters: FilterPlan[];
  defaultTarget: TargetPlan | null;
  /** Every queue the configuration names. */
  queueSids: Set<string>;
}

/** Index of the default filter in `TaskRecord.step_filter`. */
export const DEFAULT_FILTER = -1;

const PARAM = 'Configuration';

function fail(where: string, message: string): never {
  throw invalidParameter(PARAM, `Invalid ${PARAM}: ${where}: ${message}`);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const TARGET_KEYS = new Set([
  'queue', 'task_queue_sid', 'priority', 'timeout', 'expression', 'order_by', 'skip_if', 'known_worker_sid', 'known_worker_friendly_name',
]);

/**
 * Parses and validates a configuration document.
 *
 * @param queueExists tells whether a TaskQueue SID exists in the workflow's workspace.
 * @throws {EngineError} 400 naming `Configuration` and the JSON path at fault.
 */
export function planWorkflow(
  configuration: string,
  expressions: ExpressionCache,
  queueExists: (sid: string) => boolean,
): WorkflowPlan {
  let document: unknown;
  try {
    document = JSON.parse(configuration);
  } catch (error) {
    throw invalidParameter(PARAM, `Invalid ${PARAM}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(document)) fail('(root)', 'expected a JSON object');
  const routing = document.task_routing;
  if (!isObject(routing)) fail('task_routing', 'expected an object with "filters" and/or "default_filter"');
  const queueSids = new Set<string>();
  const context = { expressions, queueExists, queueSids };

  const rawFilters = routing.filters ?? [];
  if (!Array.isArray(rawFilters)) fail('task_routing.filters', 'expected an array');
  const filters = rawFilters.map((raw, i) => planFilter(raw, `task_routing.filters[${i}]`, context));

  let defaultTarget: TargetPlan | null = null;
  if (routing.default_filter !== undefined) {
    const where = 'task_routing.default_filter';
    if (!isObject(routing.default_filter)) fail(where, 'expected an object with a "queue"');
    if (routing.default_filter.timeout !== undefined) fail(`${where}.timeout`, 'the default filter takes no timeout');
    defaultTarget = planTarget(routing.default_filter, where, null, context);
  }
  if (filters.length === 0 && !defaultTarget) fail('task_routing', 'needs at least one filter or a default_filter');
  return { filters, defaultTarget, queueSids };
}

interface PlanContext {
  expressions: ExpressionCache;
  queueExists: (sid: string) => boolean;
  queueSids: Set<string>;
}

function planFilter(raw: unknown, where: string, context: PlanContext): FilterPlan {
  if (!isObject(raw)) fail(where, 'expected an object');
  const name = raw.filter_friendly_name ?? raw.friendly_name ?? '';
  if (typeof name !== 'string') fail(`${where}.filter_friendly_name`, 'expected a string');
  const source = raw.expression ?? '1==1';
  if (typeof source !== 'string') fail(`${where}.expression`, 'expected an expression string');
  const expression = context.expressions.get(source, PARAM, `${where}.expression`);
  if (!Array.isArray(raw.targets) || raw.targets.length === 0) fail(`${where}.targets`, 'expected a non-empty array');
  let inherited: string | null = null;
  const targets = raw.targets.map((target, i) => {
    const plan = planTarget(target, `${where}.targets[${i}]`, inherited, context);
    inherited = plan.queueSid;
    return plan;
  });
  return { name, expression, targets };
}

function planTarget(raw: unknown, where: string, inheritedQueue: string | null, context: PlanContext): TargetPlan {
  if (!isObject(raw)) fail(where, 'expected an object');
  for (const key of Object.keys(raw)) {
    if (!TARGET_KEYS.has(key)) fail(`${where}.${key}`, `unknown target property (expected one of ${[...TARGET_KEYS].join(', ')})`);
  }
  // `task_queue_sid` is the older name of `queue`; TaskRouter.js v1's Workspace page (seeds/001) writes it.
  if (raw.queue !== undefined && raw.task_queue_sid !== undefined) fail(`${where}.task_queue_sid`, 'give "queue" or "task_queue_sid", not both');
  const queueSid = raw.queue ?? raw.task_queue_sid ?? inheritedQueue;
  if (queueSid === null || queueSid === undefined) fail(`${where}.queue`, 'missing (the first target of a filter needs a queue)');
  if (typeof queueSid !== 'string' || !context.queueExists(queueSid)) {
    fail(`${where}.queue`, `TaskQueue ${String(queueSid)} does not exist in this workspace`);
  }
  context.queueSids.add(queueSid);
  const expressionSource = optionalText(raw.expression, `${where}.expression`);
  const skipIfSource = optionalText(raw.skip_if, `${where}.skip_if`);
  return {
    queueSid,
    priority: optionalNumber(raw.priority, `${where}.priority`, -2147483648),
    timeout: optionalNumber(raw.timeout, `${where}.timeout`, 0),
    expression: expressionSource === null ? null : targetExpression(expressionSource, `${where}.expression`, context),
    orderBy: raw.order_by === undefined ? null : parseOrderBy(raw.order_by, `${where}.order_by`),
    skipIf: skipIfSource === null ? null : context.expressions.get(skipIfSource, PARAM, `${where}.skip_if`),
    knownWorkerSid: raw.known_worker_sid === undefined ? null : taskPath(raw.known_worker_sid, `${where}.known_worker_sid`),
    knownWorkerFriendlyName:
      raw.known_worker_friendly_name === undefined ? null : taskPath(raw.known_worker_friendly_name, `${where}.known_worker_friendly_name`),
  };
}

/** Target expressions compare task and worker, so every key needs its `task.` or `worker.` prefix. */
function targetExpression(source: string, where: string, context: PlanContext): CompiledExpression {
  const expression = context.expressions.get(source, PARAM, where);
  const bare = expression.keys.find((key) => key.scope === 'attributes');
  if (bare) {
    const { line, column } = lineAndColumn(source, bare.span.start);
    fail(where, `key "${bare.text}" at line ${line}, column ${column} must start with task. or worker.`);
  }
  return expression;
}

function optionalText(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(where, 'expected an expression string');
  return value;
}

/** Numbers may come as numbers or numeric strings (`"priority": "10"`). */
function optionalNumber(value: unknown, where: string, min: number): number | null {
  if (value === undefined || value === null) return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(number)) fail(where, `expected an integer, got ${JSON.stringify(value)}`);
  if (number < min) fail(where, `must be at least ${min}, got ${number}`);
  return number;
}

/** `"worker.level DESC, worker.tenure ASC"` → terms. */
function parseOrderBy(value: unknown, where: string): OrderTerm[] {
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'expected e.g. "worker.level DESC"');
  return value.split(',').map((part, i) => {
    const match = /^\s*worker\.([A-Za-z_][\w.]*)\s*(ASC|DESC)?\s*$/i.exec(part);
    if (!match) fail(where, `term ${i + 1} ("${part.trim()}") must be worker.<attribute> followed by ASC or DESC`);
    return { path: match[1]!.split('.'), descending: (match[2] ?? 'ASC').toUpperCase() === 'DESC' };
  });
}

/** `"task.agent_id"` → `["agent_id"]`. */
function taskPath(value: unknown, where: string): string[] {
  if (typeof value !== 'string') fail(where, 'expected a task attribute reference such as "task.agent_id"');
  const match = /^\s*task\.([A-Za-z_][\w.]*)\s*$/.exec(value);
  if (!match) fail(where, `expected a task attribute reference such as "task.agent_id", got "${value}"`);
  return match[1]!.split('.');
}

/** Reads `path` from a JSON value; missing → undefined. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}
