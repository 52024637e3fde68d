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

/** TaskRouter's limit on FriendlyName, checked here so that its English error is not the user's first feedback. */
export const NAME_MAX_LENGTH = 64;

/** The problems of a draft, field by field (`TargetWorkers` carries the parser's error). */
export interface DraftProblems {
  FriendlyName?: 'required' | 'tooLong';
  MaxReservedWorkers?: 'range';
  TargetWorkers?: ParseError;
}

export function checkDraft(draft: QueueDraft): DraftProblems {
  const problems: DraftProblems = {};
  const name = draft.FriendlyName.trim();
  if (!name) problems.FriendlyName = 'required';
  else if (name.length > NAME_MAX_LENGTH) problems.FriendlyName = 'tooLong';
  const max = Number(draft.MaxReservedWorkers);
  if (draft.MaxReservedWorkers.trim() === '' || !Number.isInteger(max) || max < 1 || max > 50) problems.MaxReservedWorkers = 'range';
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
