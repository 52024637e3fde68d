/**
 * The event bridge's REST proxy: `POST /v1/wschannels/{AccountSid}/{channel}` with
 * `{url, method, params, token, event_type?}`. The token must grant POST on the channel
 * and the inner request by its policies, inside its own workspace; the inner request then
 * runs through the same handlers as the public API and is answered 200
 * `{payload, event_type?}` on success, as TaskRouter.js v1 requires (§2.2), or with the
 * inner error's status and body.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpApp } from '../http/app.js';
import { ApiError, ErrorCode } from '../http/errors.js';
import { evaluatePolicies } from '../tokens/policy-match.js';
import { authorizeChannel, type TokenAuthority } from './authorize.js';
import { ownOrigins } from './origins.js';
import { parseProxyCall, resolveInnerUrl } from './proxy-request.js';

/** Options of {@link registerProxy}. */
export interface ProxyOptions {
  authority: TokenAuthority;
  /** Origins that count as this server besides the request's Host. */
  publicOrigins: () => readonly string[];
  /** Runs the inner request through the REST handlers (the app's own dispatcher). */
  dispatch: HttpApp['dispatch'];
}

/** Registers the proxy route (inside its own plugin scope, for its body parser). */
export async function registerProxy(app: FastifyInstance, options: ProxyOptions): Promise<void> {
  await app.register(async (scope) => {
    // Browsers send text/plain; sendBeacon may send no type at all. The body is JSON either way.
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.post<{ Params: { accountSid: string; channel: string } }>('/v1/wschannels/:accountSid/:channel', async (request, reply) => {
      const { accountSid, channel } = request.params;
      const origins = ownOrigins(request.raw, options.publicOrigins());
      const call = parseProxyCall(request.body);
      const claims = authorizeChannel(options.authority, call.token, { accountSid, channel, method: 'POST', ownOrigins: origins });
      const target = resolveInnerUrl(call, origins);
      if (target.workspaceSid !== claims.workspace_sid) {
        throw new ApiError(403, ErrorCode.Authentication, `The token only grants access inside workspace ${claims.workspace_sid}`);
      }
      const decision = evaluatePolicies(claims.policies, { url: target.policyUrl, method: call.method, params: target.params }, origins);
      if (!decision.allowed) {
        throw new ApiError(403, ErrorCode.Authentication, `The token's policies do not allow ${call.method} ${target.path}`);
      }
      const ifMatch = request.headers['if-match'];
      const response = await options.dispatch({
        method: call.method,
        path: target.path,
        params: target.params,
        ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
        identity: {
          accountSid,
          apiBase: `${target.origin}/v1`,
          actor: claims.worker_sid ? { sid: claims.worker_sid, type: 'worker' } : undefined,
        },
      });
      reply.type('application/json; charset=utf-8');
      if (response.status < 200 || response.status >= 300) return reply.code(response.status).send(response.body);
      const eventType = call.eventType === undefined ? '' : `,"event_type":${JSON.stringify(call.eventType)}`;
      return reply.code(200).send(`{"payload":${response.body || '{}'}${eventType}}`);
    });
  });
}
