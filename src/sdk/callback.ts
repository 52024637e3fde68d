import type { TaskRouterError } from './errors.js';

/** A v1 error-first result callback (the result is there when `error` is null; typed as Node types its own). */
export type Callback<T> = (error: TaskRouterError | null, result: T) => void;

/**
 * v1's calling convention on top of a promise: a callback gets `(error)` or `(null, result)`.
 * The promise is returned either way; with a callback, its rejection counts as handled.
 */
export function settle<T>(promise: Promise<T>, callback?: unknown): Promise<T> {
  // The rejection handler given to `then` marks the promise handled.
  if (typeof callback === 'function') {
    promise.then(
      (result) => (callback as Callback<T>)(null, result),
      (error: TaskRouterError) => (callback as (error: TaskRouterError) => void)(error),
    );
  }
  return promise;
}

/** Splits `args` at the first function: the values before it, and the callback. */
export function splitCallback(args: unknown[]): [unknown[], Callback<any> | undefined] {
  const at = args.findIndex((arg) => typeof arg === 'function');
  return at < 0 ? [args, undefined] : [args.slice(0, at), args[at] as Callback<any>];
}

/** Returns `sid` if it is a non-empty string; throws a TypeError naming `what` otherwise. */
export function requireSid(sid: unknown, what: string): string {
  if (typeof sid !== 'string' || !sid) throw new TypeError(`${what}: the first argument must be a SID`);
  return sid;
}

/** Request parameters as sent through the event bridge. */
export type Params = Record<string, string>;

/**
 * Normalises request parameters: objects (e.g. `Attributes`, `Configuration`) become JSON strings,
 * arrays comma lists (e.g. `ConferenceStatusCallbackEvent`), other values strings; null and undefined are dropped.
 */
export function encodeParams(params: unknown, what = 'params'): Params {
  if (params == null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) throw new TypeError(`${what}: expected an object of request parameters`);
  const out: Params = {};
  for (const [key, v] of Object.entries(params)) {
    if (v != null) out[key] = Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

/**
 * Reads v1 update arguments: `(key, value)`, `(params)`, each optionally preceded by a SID (the list
 * form, and the instance form the v1 pages show) and followed by the callback.
 * Returns the SID (or undefined), the encoded params and the callback.
 */
export function updateArgs(args: unknown[], sidFirst: boolean): [string | undefined, Params, Callback<any> | undefined] {
  const [values, callback] = splitCallback(args);
  let sid: string | undefined;
  // A SID starts with two capitals (WK…, WQ…); a parameter name does not (ActivitySid, Attributes).
  if (sidFirst || (values.length > 1 && /^[A-Z]{2}/.test(String(values[0])))) {
    sid = requireSid(values.shift(), 'update');
  }
  const [first, second] = values;
  if (typeof first === 'string' && values.length === 2) return [sid, encodeParams({ [first]: second }), callback];
  if (first && typeof first === 'object' && values.length === 1) return [sid, encodeParams(first), callback];
  throw new TypeError('update: expected (name, value) or (params)');
}
