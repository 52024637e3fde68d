/**
 * TaskRouter's PascalCase request parameters (query strings and form bodies) mapped to
 * the engine's snake_case inputs. Each route declares the names it accepts; the HTTP
 * layer refuses undeclared names, repeated single values and oversized values, and
 * passes the text on: the engine checks types and ranges and names the parameter at
 * fault in its errors.
 */
import { invalidParameter } from './errors.js';

/** One accepted parameter. */
export interface ParamSpec {
  /** Wire name, e.g. `TaskQueueSid`. */
  name: string;
  /** Engine input key, e.g. `task_queue_sid`. */
  key: string;
  /**
   * `single`: one value. `list`: several values (repeated or comma-separated), passed
   * on as an array. `joined`: several values passed on as one comma-separated text.
   * `ignored`: accepted (and checked as text) but not passed on.
   */
  mode: 'single' | 'list' | 'joined' | 'ignored';
}

/** Longest value accepted for any one parameter (attributes and workflow configurations included). */
export const MAX_PARAM_LENGTH = 64 * 1024;
/** Most values accepted for a list parameter. */
export const MAX_LIST_ITEMS = 100;

/** `TaskQueueSid` → `task_queue_sid`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Declares parameters by name: `params('FriendlyName', 'Available')`. A trailing `[]`
 * marks a list (`'AssignmentStatus[]'`), a trailing `*` a joined list
 * (`'ConferenceStatusCallbackEvent*'`); `'Name=key'` overrides the engine key.
 */
export function params(...names: string[]): ParamSpec[] {
  return names.map((declaration) => {
    const mode = declaration.endsWith('[]') ? 'list' : declaration.endsWith('*') ? 'joined' : 'single';
    const bare = declaration.slice(0, declaration.length - (mode === 'list' ? 2 : mode === 'joined' ? 1 : 0));
    const [name, key] = bare.split('=') as [string, string | undefined];
    return { name, key: key ?? snakeCase(name), mode };
  });
}

/** Declares parameters a route accepts without using them, as TaskRouter ignores them there. */
export function ignoredParams(...names: string[]): ParamSpec[] {
  return names.map((name) => ({ name, key: snakeCase(name), mode: 'ignored' }));
}

function isRecord(source: unknown): source is Record<string, unknown> {
  return source !== null && typeof source === 'object' && !Array.isArray(source) && !Buffer.isBuffer(source);
}

function readValue(spec: ParamSpec, raw: unknown): string | string[] {
  const values = Array.isArray(raw) ? raw : [raw];
  if (!values.every((value): value is string => typeof value === 'string')) {
    throw invalidParameter(spec.name, `Parameter '${spec.name}' must be text`);
  }
  if (values.some((value) => value.length > MAX_PARAM_LENGTH)) {
    throw invalidParameter(spec.name, `Parameter '${spec.name}' is longer than ${MAX_PARAM_LENGTH} characters`);
  }
  if (spec.mode === 'single') {
    if (values.length !== 1) throw invalidParameter(spec.name, `Parameter '${spec.name}' must be given once`);
    return values[0]!;
  }
  const items = values.flatMap((value) => value.split(',')).map((item) => item.trim()).filter(Boolean);
  if (items.length > MAX_LIST_ITEMS) throw invalidParameter(spec.name, `Parameter '${spec.name}' has more than ${MAX_LIST_ITEMS} values`);
  return spec.mode === 'list' ? items : items.join(',');
}

/**
 * Reads `source` (a parsed query string or form body) against `specs`; returns the
 * engine input keyed by snake_case names. `where` shapes the message for a body that
 * is not form parameters at all.
 */
export function parseParams(source: unknown, specs: readonly ParamSpec[], where: 'query' | 'body'): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  if (source === undefined || source === null || source === '') return input;
  if (!isRecord(source)) {
    throw invalidParameter(where, where === 'body' ? 'The body must be application/x-www-form-urlencoded parameters' : 'Malformed query string');
  }
  for (const [name, raw] of Object.entries(source)) {
    const spec = specs.find((candidate) => candidate.name === name);
    if (!spec) {
      const accepted = specs.map((candidate) => candidate.name).join(', ') || 'none';
      throw invalidParameter(name, `Unknown parameter '${name.slice(0, 64)}' (accepted here: ${accepted})`);
    }
    const value = readValue(spec, raw);
    if (spec.mode !== 'ignored') input[spec.key] = value;
  }
  return input;
}

/** PascalCase parameters (lists as repeated names) as a query string or form body. */
export function searchParams(values: Readonly<Record<string, string | readonly string[]>>): URLSearchParams {
  const encoded = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    for (const item of typeof value === 'string' ? [value] : value) encoded.append(name, item);
  }
  return encoded;
}
