import type { DevWorker, Resource } from '../../local-server.js';
import type { ClientOnCanvas, Scenarios } from '../../scenarios.js';

/** What the panel needs to know about the page around it. */
export interface CanvasAccess {
  /** The agent the stories sign in as. */
  agent(): DevWorker;
  /** The clients of the providers on the canvas (the token scenario acts on them). */
  clients(): ClientOnCanvas[];
}

/** What a section of the scenario panel gets from the panel. */
export interface SectionHost {
  readonly scenarios: Scenarios;
  readonly canvas: CanvasAccess;
  /** Runs an action with a status line (its message, or the error), then refreshes the panel. */
  run(label: string, action: () => Promise<string | void>): void;
  /** Re-renders the panel (after a section's own state changed). */
  update(): void;
}

/** A JSON object typed into a textarea, or an error naming the field. */
export function parseAttributes(text: string, field: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${field}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field}: must be a JSON object`);
  return value as Record<string, unknown>;
}

export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** A resource's `attributes` (a JSON string on the wire), or `{}`. */
export function readAttributes(resource: Resource): Record<string, unknown> {
  const raw = resource['attributes'];
  if (typeof raw !== 'string') return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The value of a named control of a form. */
export const field = (form: HTMLFormElement, name: string): string =>
  (form.elements.namedItem(name) as HTMLInputElement).value;
