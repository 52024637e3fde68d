/**
 * The fastify handler of one REST route: authenticate, check the workspace is the
 * caller's, read the parameters, run the route against the engine, render the answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type Authority } from './authenticate.js';
import { ApiError, ErrorCode } from './errors.js';
import { parseParams } from './params.js';
import { render } from './render.js';
import type { RouteDef } from './route-table.js';

/** `"3"`, `W/"3"` or `3` → `3`. */
function versionOf(ifMatch: string | string[] | undefined): string | undefined {
  if (typeof ifMatch !== 'string' || ifMatch.length === 0) return undefined;
  return ifMatch.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * A POST's parameters: form-encoded (or none), or JSON where the route takes it; else 415. TaskRouter takes nothing
 * else: a JSON body accepted on another route would fail against Twilio.
 */
function postParams(request: FastifyRequest, route: RouteDef): unknown {
  const type = request.headers['content-type'];
  if (type === undefined ? request.body === undefined : /^application\/x-www-form-urlencoded\b/i.test(type)) return request.body;
  if (route.json && type !== undefined && /^application\/json\b/i.test(type)) {
    return Array.isArray(request.body) ? { [route.json.arrayOf]: request.body } : request.body;
  }
  throw new ApiError(415, ErrorCode.InvalidParameter, `Send the parameters form-encoded (application/x-www-form-urlencoded), as TaskRouter takes them, not as ${type ?? 'a body without a content type'}`);
}

/** The handler serving `route`. */
export function routeHandler(route: RouteDef, authority: Authority) {
  const { engine } = authority;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const identity = authenticate(request, reply, authority);
    const path = request.params as Record<string, string>;
    // Workspace-scoped services trust the workspace sid: check that it is this account's.
    if (path.workspace_sid !== undefined) engine.workspaces.get(identity.accountSid, path.workspace_sid);
    const query = request.query as Record<string, string | string[]>;
    const input = route.method === 'POST' ? parseParams(postParams(request, route), route.accepts, 'body') : parseParams(query, route.accepts, 'query');
    // A worker's token acts as that worker; the account's credentials act as the workspace, as TaskRouter records them.
    const actor = identity.actor ?? (path.workspace_sid === undefined ? undefined : { sid: path.workspace_sid, type: 'workspace' });
    const result = route.run({
      engine,
      path,
      input,
      accountSid: identity.accountSid,
      caller: { expectedVersion: versionOf(request.headers['if-match']), actor },
    });
    const body = render(route.render, result, { apiBase: identity.apiBase, path: request.url.split('?')[0]!.replace(/^\/v1/, ''), query });
    if (body === undefined) return reply.code(204).send();
    // A task's version, for If-Match, as TaskRouter gives it (only tasks have one).
    if (route.render.kind === 'item' && route.render.resource === 'task') reply.header('ETag', `"${(body as { version: string }).version}"`);
    return reply.code(route.status ?? 200).send(body);
  };
}
