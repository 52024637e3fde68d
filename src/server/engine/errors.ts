/**
 * Errors the engine throws for bad input and rule violations. Each carries a
 * Twilio error code and the HTTP status the REST layer should answer with.
 */

/** Twilio error codes the engine uses (twilio.com/docs/api/errors). */
export const ErrorCodes = {
  /** Invalid or missing parameter; also rule violations such as deleting what is in use. */
  InvalidParameter: 20001,
  /** Permission denied: the caller may not act on this resource. */
  Forbidden: 20003,
  /** The resource does not exist (in this workspace / account). */
  NotFound: 20404,
  /** The resource is not in a state that allows this change. */
  Conflict: 20409,
  /** `If-Match` version mismatch. */
  PreconditionFailed: 20412,
  /** Call instruction on a reservation that is no longer pending. */
  CallNotPending: 40114,
  /** Redirect instruction on a reservation that is no longer pending. */
  RedirectNotPending: 40123,
  /** Dequeue instruction on a reservation that is no longer pending. */
  DequeueNotPending: 40135,
  /** Conference instruction on a reservation that is no longer pending. */
  ConferenceNotPending: 40144,
} as const;

/** An engine error: `status` is the HTTP status, `code` the Twilio error code. */
export class EngineError extends Error {
  /** Twilio error code, e.g. 20001. */
  readonly code: number;
  /** HTTP status the REST layer answers with, e.g. 400. */
  readonly status: number;
  /** PascalCase name of the parameter at fault, when one is. */
  readonly param?: string;
  /** Link to Twilio's error dictionary entry for `code`. */
  readonly moreInfo: string;

  constructor(status: number, code: number, message: string, param?: string) {
    super(message);
    this.name = 'EngineError';
    this.status = status;
    this.code = code;
    if (param !== undefined) this.param = param;
    this.moreInfo = `https://www.twilio.com/docs/errors/${code}`;
  }
}

/** 403 / 20003: the acting party (e.g. a worker's token) may not make this change. */
export function forbidden(message: string): EngineError {
  return new EngineError(403, ErrorCodes.Forbidden, message);
}

/** 400 / 20001 naming the PascalCase parameter at fault. */
export function invalidParameter(param: string, message: string): EngineError {
  return new EngineError(400, ErrorCodes.InvalidParameter, message, param);
}

/** 404 / 20404 for a resource that does not exist in the given scope. */
export function notFound(resource: string, sid: string): EngineError {
  return new EngineError(404, ErrorCodes.NotFound, `The requested resource ${resource} ${sid} was not found`);
}

/**
 * 400 / 20001 for deleting something still in use. TaskRouter answers 400 here
 * (TaskQueue reference: deleting a queue with pending tasks "will be a 400").
 */
export function inUse(message: string): EngineError {
  return new EngineError(400, ErrorCodes.InvalidParameter, message);
}

/** 409 / 20409 for a change the resource's current state does not allow. */
export function conflict(message: string, param?: string): EngineError {
  return new EngineError(409, ErrorCodes.Conflict, message, param);
}

/** 410 for acting on a reservation that is no longer pending (rescinded, timed out…). */
export function gone(message: string, code: number = ErrorCodes.InvalidParameter): EngineError {
  return new EngineError(410, code, message);
}

/** 412 / 20412 when `expectedVersion` (If-Match) does not match. */
export function preconditionFailed(resource: string, sid: string, expected: string, actual: string): EngineError {
  return new EngineError(
    412,
    ErrorCodes.PreconditionFailed,
    `Precondition failed: ${resource} ${sid} is at version ${actual}, not ${expected}`,
  );
}
