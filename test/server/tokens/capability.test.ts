import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  decodeJwt,
  mintCapabilityToken,
  mintTaskQueueToken,
  mintWorkerToken,
  mintWorkspaceToken,
  signJwt,
  TokenError,
  verifyCapabilityToken,
  workerPolicies,
} from '../../../src/server/tokens/index.js';

const AC = 'AC' + 'a'.repeat(32);
const WS = 'WS' + 'b'.repeat(32);
const WK = 'WK' + 'c'.repeat(32);
const WQ = 'WQ' + 'd'.repeat(32);
const SECRET = 'secret-auth-token';
const NOW = Date.UTC(2025, 0, 1);

const verify = (token: string, now = NOW) =>
  verifyCapabilityToken(token, { authTokenFor: (sid) => (sid === AC ? SECRET : undefined), now });

function refusal(fn: () => unknown): TokenError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TokenError, `expected TokenError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the token to be refused');
}

test('a minted worker token verifies and carries the v1 claims', () => {
  const token = mintWorkerToken({ accountSid: AC, authToken: SECRET, workspaceSid: WS, workerSid: WK, ttl: 60, now: NOW });
  const claims = verify(token);
  assert.equal(claims.iss, AC);
  assert.equal(claims.account_sid, AC);
  assert.equal(claims.workspace_sid, WS);
  assert.equal(claims.channel, WK);
  assert.equal(claims.worker_sid, WK);
  assert.equal(claims.version, 'v1');
  assert.equal(claims.exp, NOW / 1000 + 60);
  assert.deepEqual(claims.policies, workerPolicies({ accountSid: AC, workspaceSid: WS, workerSid: WK }));
  assert.deepEqual(decodeJwt(token).header, { typ: 'JWT', alg: 'HS256' });
});

test('workspace and task queue tokens use their own channel claims', () => {
  const ws = verify(mintWorkspaceToken({ accountSid: AC, authToken: SECRET, workspaceSid: WS, now: NOW }));
  assert.equal(ws.channel, WS);
  assert.equal(ws.worker_sid, undefined);
  const wq = verify(mintTaskQueueToken({ accountSid: AC, authToken: SECRET, workspaceSid: WS, taskQueueSid: WQ, now: NOW }));
  assert.equal(wq.channel, WQ);
  assert.equal(wq.taskqueue_sid, WQ);
});

test('expired tokens are refused with 401, the rest with 403', () => {
  const token = mintWorkerToken({ accountSid: AC, authToken: SECRET, workspaceSid: WS, workerSid: WK, ttl: 60, now: NOW });
  const expired = refusal(() => verify(token, NOW + 60_000));
  assert.equal(expired.reason, 'expired');
  assert.equal(expired.status, 401);

  const badSignature = refusal(() =>
    verifyCapabilityToken(token, { authTokenFor: () => 'another-secret', now: NOW }),
  );
  assert.equal(badSignature.reason, 'signature');
  assert.equal(badSignature.status, 403);

  const unknownAccount = refusal(() => verifyCapabilityToken(token, { authTokenFor: () => undefined, now: NOW }));
  assert.equal(unknownAccount.reason, 'account');
});

test('malformed tokens are refused, never thrown as other errors', () => {
  const samples: unknown[] = [
    undefined,
    '',
    'abc',
    'a.b',
    'a.b.c.d',
    '!!!.###.$$$',
    `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.x`,
    `${Buffer.from('not json').toString('base64url')}.e30.x`,
    'x'.repeat(20_000),
    42,
  ];
  for (const sample of samples) {
    assert.equal(refusal(() => verify(sample as string)).status, 403, `sample ${String(sample).slice(0, 40)}`);
  }
});

test('alg none and tampered payloads are refused', () => {
  const token = mintWorkerToken({ accountSid: AC, authToken: SECRET, workspaceSid: WS, workerSid: WK, now: NOW });
  const [, payload, signature] = token.split('.');
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  assert.equal(refusal(() => verify(none)).reason, 'algorithm');

  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  claims.worker_sid = claims.channel = 'WK' + 'e'.repeat(32);
  const tampered = `${token.split('.')[0]}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  assert.equal(refusal(() => verify(tampered)).reason, 'signature');
});

test('claims are checked: version, channel consistency, iss, policies', () => {
  const base = {
    iss: AC, exp: NOW / 1000 + 60, version: 'v1', account_sid: AC, workspace_sid: WS, channel: WK, worker_sid: WK, policies: [],
  };
  assert.ok(verify(signJwt(base, SECRET)));
  const broken: Record<string, unknown>[] = [
    { ...base, version: 'v2' },
    { ...base, worker_sid: 'WK' + 'f'.repeat(32) },
    { ...base, iss: 'AC' + 'f'.repeat(32) },
    { ...base, channel: 'XX123' },
    { ...base, policies: 'all' },
    { ...base, policies: [{ url: 5, method: 'GET' }] },
    { ...base, policies: [{ url: 'https://x', method: 'GET', allow: 'yes' }] },
    { ...base, policies: [{ url: 'https://x', method: 'GET', post_filter: { A: 3 } }] },
    { ...base, exp: 'tomorrow' },
    { ...base, nbf: NOW / 1000 + 3600 },
    { ...base, channel: 'WS' + 'f'.repeat(32) },
  ];
  for (const claims of broken) {
    const error = refusal(() => verify(signJwt(claims, SECRET)));
    assert.equal(error.status, 403, JSON.stringify(claims));
  }
});

test('minting validates its options', () => {
  const options = { accountSid: AC, authToken: SECRET, workspaceSid: WS, channelId: WK, policies: [] };
  assert.throws(() => mintCapabilityToken({ ...options, accountSid: 'nope' }), /accountSid/);
  assert.throws(() => mintCapabilityToken({ ...options, channelId: 'WA' + '0'.repeat(32) }), /channelId/);
  assert.throws(() => mintCapabilityToken({ ...options, ttl: -1 }), /ttl/);
  assert.throws(() => mintCapabilityToken({ ...options, authToken: '' }), /authToken/);
});

test('tokens minted by the official twilio helper library verify unchanged', () => {
  const require = createRequire(import.meta.url);
  const twilio = require('twilio') as { jwt: { taskrouter: Record<string, any> } };
  const { TaskRouterCapability, util } = twilio.jwt.taskrouter;
  const capability = new TaskRouterCapability({ accountSid: AC, authToken: SECRET, workspaceSid: WS, channelId: WK, ttl: 600 });
  for (const policy of [...util.defaultEventBridgePolicies(AC, WK), ...util.defaultWorkerPolicies('v1', WS, WK)]) {
    capability.addPolicy(policy);
  }
  const claims = verifyCapabilityToken(capability.toJwt(), { authTokenFor: () => SECRET, now: Date.now() });
  assert.equal(claims.worker_sid, WK);
  assert.equal(claims.policies.length, 6);
  assert.ok(claims.policies.every((policy) => policy.allow));
});

test('nbf may be up to 30 s ahead (clock skew), no more; a policy without allow denies', () => {
  const claims = { iss: AC, exp: NOW / 1000 + 600, version: 'v1', account_sid: AC, workspace_sid: WS, channel: WK, worker_sid: WK, policies: [] };
  assert.ok(verify(signJwt({ ...claims, nbf: NOW / 1000 + 30 }, SECRET)));
  assert.equal(refusal(() => verify(signJwt({ ...claims, nbf: NOW / 1000 + 31 }, SECRET))).reason, 'not_yet_valid');
  const url = `https://taskrouter.twilio.com/v1/Workspaces/${WS}/Workers/${WK}`;
  const verified = verify(signJwt({ ...claims, policies: [{ url, method: 'GET' }] }, SECRET));
  assert.equal(verified.policies[0]!.allow, false);
});
