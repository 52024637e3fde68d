/**
 * One error mapper for every route: whatever went wrong becomes Twilio's legacy
 * error body `{code, message, more_info, status}` (protocol.md §2.1), plus `param`
 * naming the parameter at fault when the error names one (clients show the error
 * next to that field).
 */
import { TokenError } from '../tokens/jwt.js';

/** The JSON body of every error response. */
export interface ErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  /** The parameter at fault (PascalCase for API parameters), when the error names one. */
  param?: string;
}

/** Twilio error codes the server uses. */
export const ErrorCode = {
  InvalidParameter: 20001,
  /** Authentication and authorization failures (401 and 403). */
  Authentication: 20003,
  NotFound: 20404,
  PreconditionFailed: 20412,
  TooManyRequests: 20429,
  Internal: 20500,
} as const;

/** An HTTP-layer error (bad parameter, bad auth, unknown route…) with the Twilio code to report. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number;
  /** The PascalCase parameter at fault, if one is. */
  readonly param: string | undefined;

  constructor(status: number, code: number, message: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

/** A 400 naming the parameter at fault. */
export function invalidParameter(param: string, message: string): ApiError {
  return new ApiError(400, ErrorCode.InvalidParameter, message, param);
}

/** Builds an error body; `more_info` points at Twilio's error dictionary; `param` is left out when undefined. */
export function errorBody(status: number, code: number, message: string, moreInfo?: string, param?: string): ErrorBody {
  const body: ErrorBody = { code, message, more_info: moreInfo ?? `https://www.twilio.com/docs/errors/${code}`, status };
  if (param !== undefined) body.param = param;
  return body;
}

interface EngineErrorLike {
  code: number;
  status: number;
  message: string;
  moreInfo?: string;
  param?: string;
}

/** The `param` of an error, when it is a non-empty string. */
function paramOf(error: { param?: unknown }): string | undefined {
  return typeof error.param === 'string' && error.param.length > 0 ? error.param : undefined;
}

function isEngineErrorLike(error: unknown): error is EngineErrorLike {
  if (!(error instanceof Error)) return false;
  const { code, status } = error as unknown as Record<string, unknown>;
  return typeof code === 'number' && typeof status === 'number' && status >= 400 && status < 600;
}

/** Fastify's own 4xx errors (body too large, bad JSON, unsupported media type…). */
function isClientHttpError(error: unknown): error is Error & { statusCode: number } {
  if (!(error instanceof Error)) return false;
  const { statusCode } = error as unknown as Record<string, unknown>;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type; send application/x-www-form-urlencoded',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The JSON body is empty',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON',
  FST_ERR_BAD_URL: 'The URL has a malformed percent-encoded component',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment of the URL is too long',
};

/**
 * Maps any thrown value to an error body. Unknown errors become a 500 whose message
 * reveals nothing internal; the caller logs them.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ApiError) return errorBody(error.status, error.code, error.message, undefined, paramOf(error));
  if (error instanceof TokenError) return errorBody(error.status, ErrorCode.Authentication, error.message);
  if (isEngineErrorLike(error)) return errorBody(error.status, error.code, error.message, error.moreInfo, paramOf(error));
  if (isClientHttpError(error)) {
    const code = (error as { code?: unknown }).code;
    const message = (typeof code === 'string' && FASTIFY_MESSAGES[code]) || error.message;
    return errorBody(error.statusCode, error.statusCode === 404 ? ErrorCode.NotFound : ErrorCode.InvalidParameter, message);
  }
  return errorBody(500, ErrorCode.Internal, 'Internal server error');
}
