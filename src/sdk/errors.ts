/**
 * An error from TaskRouter or from the connection to it. Unlike TaskRouter.js v1, which kept only
 * the HTTP status text, it carries the server's own `code` and `message` (protocol.md §2.2, §8).
 *
 * @example
 * worker.update('ActivitySid', 'WAxxx', (error) => { if (error) console.log(error.code, error.message); });
 */
export class TaskRouterError extends Error {
  /** Twilio error code (e.g. 20001, 20404), or the HTTP status when the server gave none; 0 for network failures. */
  code: number;
  /** HTTP status of the response; 0 when none arrived (network failure, timeout). */
  status: number;
  /** Link to the error's documentation, when the server gave one. */
  moreInfo?: string;
  /** The request parameter the server named as the cause, when it named one. */
  param?: string;
  /**
   * What the server sent, as v1's `error.response`: the body of a failed response (its status text when it had
   * none), or a websocket frame that was not JSON; absent when nothing arrived.
   */
  response?: unknown;

  constructor(message: string, code = 0, status = 0, moreInfo?: string, param?: string) {
    super(message);
    this.name = 'TaskRouterError';
    this.code = code;
    this.status = status;
    if (moreInfo) this.moreInfo = moreInfo;
    if (param) this.param = param;
  }
}

/** Builds the error for a failed HTTP response from its body: `{code, message, more_info, status, param?}`. */
export function responseError(status: number, statusText: string, body: any): TaskRouterError {
  // The event bridge may wrap the REST error in `{payload}`; accept both forms.
  const b = (body?.code ? body : body?.payload) ?? {};
  const error = new TaskRouterError(b.message ?? (statusText || `HTTP ${status}`), b.code ?? status, status, b.more_info, b.param);
  error.response = body ?? statusText;
  return error;
}
