import { parse, ParseError } from '../../expression/index.js';
import type { QueueView } from '../../context/client-types.js';

/** The editable fields of a TaskQueue, named as TaskRouter's REST parameters. */
export interface QueueDraft {
  FriendlyName: string;
  TargetWorkers: string;
  MaxReservedWorkers: string;
  TaskOrder: 'FIFO' | 'LIFO';
  ReservationActivitySid: string;
  AssignmentActivitySid: string;
}
export type QueueField = keyof QueueDraft;
export const QUEUE_FIELDS: readonly QueueField[] = [
  'FriendlyName', 'TargetWorkers', 'MaxReservedWorkers', 'TaskOrder', 'ReservationActivitySid', 'AssignmentActivitySid',
];

export const EMPTY_DRAFT: QueueDraft = {
  FriendlyName: '', TargetWorkers: '', MaxReservedWorkers: '1', TaskOrder: 'FIFO', ReservationActivitySid: '', AssignmentActivitySid: '',
};

export function draftFromQueue(queue: QueueView): QueueDraft {
  return {
    FriendlyName: queue.friendlyName,
    TargetWorkers: queue.targetWorkers,
    MaxReservedWorkers: String(queue.maxReservedWorkers),
    TaskOrder: queue.taskOrder,
    ReservationActivitySid: queue.reservationActivitySid ?? '',
    AssignmentActivitySid: queue.assignmentActivitySid ?? '',
  };
}

/** The draft as TaskRouter parameters; empty optional fields are left out. */
export function draftParams(draft: QueueDraft): Record<string, string | number> {
  const params: Record<string, string | number> = {
    FriendlyName: draft.FriendlyName.trim(),
    MaxReservedWorkers: Number(draft.MaxReservedWorkers),
    TaskOrder: draft.TaskOrder,
  };
  for (const field of ['TargetWorkers', 'ReservationActivitySid', 'AssignmentActivitySid'] as const) {
    if (draft[field].trim()) params[field] = draft[field].trim();
  }
  return params;
}

/** TaskRouter's limits, checked here so that its English errors are not the user's first feedback. */
export const NAME_MAX_LENGTH = 64;
/** MaxReservedWorkers is a whole number from 1 to this. */
export const MAX_RESERVED_WORKERS = 50;

/**
 * The problems of a draft, field by field: the validity flag a native control would set, and for `TargetWorkers`
 * the parser's error.
 */
export interface DraftProblems {
  FriendlyName?: 'valueMissing' | 'tooLong';
  MaxReservedWorkers?: 'valueMissing' | 'rangeUnderflow' | 'rangeOverflow' | 'badInput' | 'stepMismatch';
  TargetWorkers?: ParseError;
}

/** What is wrong with a MaxReservedWorkers value, as a number input with min 1, max and step 1 would say. */
function reservedWorkersProblem(value: string): DraftProblems['MaxReservedWorkers'] {
  const number = Number(value);
  if (!value.trim()) return 'valueMissing';
  if (number < 1) return 'rangeUnderflow';
  if (number > MAX_RESERVED_WORKERS) return 'rangeOverflow';
  if (Number.isNaN(number)) return 'badInput';
  return Number.isInteger(number) ? undefined : 'stepMismatch';
}

export function checkDraft(draft: QueueDraft): DraftProblems {
  const problems: DraftProblems = {};
  const name = draft.FriendlyName.trim();
  if (!name) problems.FriendlyName = 'valueMissing';
  else if (name.length > NAME_MAX_LENGTH) problems.FriendlyName = 'tooLong';
  const reserved = reservedWorkersProblem(draft.MaxReservedWorkers);
  if (reserved) problems.MaxReservedWorkers = reserved;
  if (draft.TargetWorkers.trim()) {
    try {
      parse(draft.TargetWorkers);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      problems.TargetWorkers = error;
    }
  }
  return problems;
}

/** Splits the line of an expression error around the offending text, for marking it in place. */
export function errorExcerpt(error: ParseError): { before: string; marked: string; after: string } {
  const lines = error.source.split(/\r\n|\r|\n/);
  const line = lines[error.line - 1] ?? '';
  const start = Math.min(error.column - 1, line.length);
  const length = Math.max(0, Math.min(error.span.end - error.span.start, line.length - start));
  return { before: line.slice(0, start), marked: line.slice(start, start + length), after: line.slice(start + length) };
}
