/**
 * Input checking for service calls. Parameters arrive in snake_case (possibly as
 * form strings); errors name them in PascalCase as the REST API spells them.
 */
import { EARLIEST_ISO, isPrintableDate, LATEST_ISO } from './dates.js';
import { invalidParameter } from './errors.js';
import type { BooleanInput, JsonInput, NumberInput } from './types.js';

/** `max_reserved_workers` → `MaxReservedWorkers`. */
export function pascalCase(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}

function invalid(name: string, detail: string) {
  const param = pascalCase(name);
  return invalidParameter(param, `Invalid ${param}: ${detail}`);
}

/** A required, non-empty string (trimmed length ≥ 1, at most `max` characters). */
export function requiredString(value: unknown, name: string, max = 255): string {
  if (value === undefined || value === null || value === '') {
    throw invalidParameter(pascalCase(name), `Missing required parameter ${pascalCase(name)}`);
  }
  return optionalString(value, name, max)!;
}

/** An optional string; undefined stays undefined. */
export function optionalString(value: unknown, name: string, max = 4096): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, `expected a string, got ${typeof value}`);
  if (value.length > max) throw invalid(name, `must be at most ${max} characters`);
  return value;
}

/** `true`/`false` (also `"true"`, `"false"`, `"1"`, `"0"`, any case). */
export function optionalBoolean(value: BooleanInput | undefined | null, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw invalid(name, `expected true or false, got "${value}"`);
}

/**
 * The `Available` filter of the Workers and Activities lists: `true`, `1` or `yes` list the available ones, and, as
 * TaskRouter documents, any other value the unavailable ones.
 */
export function availableFilter(value: BooleanInput | undefined | null): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'boolean' ? value : ['true', '1', 'yes'].includes(String(value).trim().toLowerCase());
}

/** An integer within [min, max]. */
export function optionalInteger(
  value: NumberInput | undefined | null,
  name: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(number)) throw invalid(name, `expected an integer, got "${value}"`);
  if (range.min !== undefined && number < range.min) throw invalid(name, `must be at least ${range.min}, got ${number}`);
  if (range.max !== undefined && number > range.max) throw invalid(name, `must be at most ${range.max}, got ${number}`);
  return number;
}

/** One of a fixed set of values (exact match). */
export function optionalEnum<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalid(name, `expected one of ${allowed.join(', ')}, got "${String(value)}"`);
  }
  return value as T;
}

/**
 * A JSON object, as text or as an object; returns the text to store. Text is kept
 * as given (Twilio echoes attributes back verbatim).
 */
export function optionalJsonObject(value: JsonInput | undefined | null, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    if (Array.isArray(value)) throw invalid(name, 'expected a JSON object, got an array');
    try {
      return JSON.stringify(value);
    } catch {
      // Nested deeper than the stack goes (a RangeError).
      throw invalid(name, 'nested too deeply');
    }
  }
  if (typeof value !== 'string') throw invalid(name, `expected a JSON object, got ${typeof value}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw invalid(name, `not valid JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(name, 'expected a JSON object');
  return value;
}

/** An ISO 8601 date; returns epoch ms. */
export function optionalDate(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(name, 'expected an ISO 8601 date');
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(name, `expected an ISO 8601 date, got "${value}"`);
  if (!isPrintableDate(ms)) throw invalid(name, `must be between ${EARLIEST_ISO} and ${LATEST_ISO}, got "${value}"`);
  return ms;
}
