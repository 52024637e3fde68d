import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluatePolicies,
  resourceKey,
  taskQueuePolicies,
  workerPolicies,
  workspacePolicies,
  type CapabilityPolicy,
} from '../../../src/server/tokens/index.js';

const AC = 'AC' + 'a'.repeat(32);
const WS = 'WS' + 'b'.repeat(32);
const WK = 'WK' + 'c'.repeat(32);
const WK2 = 'WK' + 'e'.repeat(32);
const WQ = 'WQ' + 'd'.repeat(32);
const WT = 'WT' + '1'.repeat(32);
const WR = 'WR' + '2'.repeat(32);
const API = `https://taskrouter.twilio.com/v1/Workspaces/${WS}`;
const BRIDGE = `https://event-bridge.twilio.com/v1/wschannels/${AC}`;
const OWN = ['http://127.0.0.1:4200'];

const allow = (url: string, method = 'GET', extra: Partial<CapabilityPolicy> = {}): CapabilityPolicy => ({
  url, method, query_filter: {}, post_filter: {}, allow: true, ...extra,
});
const allowed = (policies: CapabilityPolicy[], url: string, method = 'GET', params = {}) =>
  evaluatePolicies(policies, { url, method, params }, OWN).allowed;

test('resource keys accept Twilio public hosts and our own origin only', () => {
  assert.deepEqual(resourceKey(`${API}/Workers`, OWN), { service: 'api', segments: ['v1', 'Workspaces', WS, 'Workers'] });
  assert.equal(resourceKey(`https://taskrouter.ie1.twilio.com/v1/Workspaces/${WS}`, OWN)?.service, 'api');
  assert.equal(resourceKey(`${BRIDGE}/${WK}`, OWN)?.service, 'bridge');
  assert.equal(resourceKey(`http://127.0.0.1:4200/v1/wschannels/${AC}/${WK}`, OWN)?.service, 'bridge');
  assert.equal(resourceKey(`ws://127.0.0.1:4200/v1/wschannels/${AC}/${WK}`, OWN)?.service, 'bridge');
  assert.equal(resourceKey(`http://127.0.0.1:4200/v1/Workspaces/${WS}/`, OWN)?.segments.length, 3);
  assert.equal(resourceKey(`https://evil.example/v1/Workspaces/${WS}`, OWN), undefined);
  assert.equal(resourceKey(`https://taskrouter.twilio.com.evil.example/v1/Workspaces`, OWN), undefined);
  assert.equal(resourceKey(`https://taskrouter.twilio.com/v1/wschannels/${AC}/${WK}`, OWN), undefined);
  assert.equal(resourceKey(`https://taskrouter.twilio.com/v2/Workspaces`, OWN), undefined);
  assert.equal(resourceKey(`https://taskrouter.twilio.com/v1//Workspaces`, OWN), undefined);
  assert.equal(resourceKey('not a url', OWN), undefined);
});

test('literal, * and ** wildcards; for GET, X/** also covers X', () => {
  const policies = [allow(`${API}/Workers/*`), allow(`${API}/Tasks/**`)];
  assert.ok(allowed(policies, `${API}/Workers/${WK}`));
  assert.ok(!allowed(policies, `${API}/Workers`));
  assert.ok(!allowed(policies, `${API}/Workers/${WK}/Reservations`));
  assert.ok(allowed(policies, `${API}/Tasks`));
  assert.ok(allowed(policies, `${API}/Tasks/${WT}/Reservations/${WR}`));
  assert.ok(!allowed(policies, `${API}/TaskQueues`));
  assert.ok(!allowed([allow(`${API}`)], `${API}/Workers`));
});

test('for POST and DELETE, X/** reaches X itself only when X is one resource: updating tasks is not creating one', () => {
  for (const method of ['POST', 'DELETE']) {
    const policies = [allow(`${API}/Tasks/**`, method)];
    assert.ok(allowed(policies, `${API}/Tasks/${WT}`, method));
    assert.ok(!allowed(policies, `${API}/Tasks`, method));
    // The v1 pages' workspace token: "a workspace can update itself and any subresource", "delete itself".
    assert.ok(allowed([allow(`${API}/**`, method)], API, method));
    assert.ok(allowed([allow(`${API}/**`, method)], `${API}/`, method));
  }
});

test('the method must match and nothing is allowed by default', () => {
  const policies = [allow(`${API}/Workers/${WK}`, 'GET')];
  assert.ok(allowed(policies, `${API}/Workers/${WK}`, 'get'));
  assert.ok(!allowed(policies, `${API}/Workers/${WK}`, 'POST'));
  assert.ok(!allowed([], `${API}/Workers/${WK}`));
});

test('policy hosts: Twilio public hosts and our own origin are equivalent, others are not', () => {
  const local = [allow(`http://127.0.0.1:4200/v1/Workspaces/${WS}/**`)];
  assert.ok(allowed(local, `${API}/Workers`));
  assert.ok(allowed(local, `/v1/Workspaces/${WS}/Workers`));
  const foreign = [allow(`https://evil.example/v1/Workspaces/${WS}/**`)];
  assert.ok(!allowed(foreign, `${API}/Workers`));
  // An API policy never grants the event bridge, and the reverse.
  assert.ok(!allowed([allow(`https://taskrouter.twilio.com/v1/**`)], `${BRIDGE}/${WK}`));
  assert.ok(allowed([allow(`${BRIDGE}/${WK}`)], `http://127.0.0.1:4200/v1/wschannels/${AC}/${WK}`));
});

test('post_filter: literal and {required, value} forms; a filter lists every allowed parameter', () => {
  const worker = `${API}/Workers/${WK}`;
  const required = [allow(worker, 'POST', { post_filter: { ActivitySid: { required: true } } })];
  assert.ok(allowed(required, worker, 'POST', { ActivitySid: 'WA1' }));
  assert.ok(!allowed(required, worker, 'POST', {}));
  assert.ok(!allowed(required, worker, 'POST', { FriendlyName: 'x' }));
  assert.ok(!allowed(required, worker, 'POST', { ActivitySid: 'WA1', Attributes: '{}' }));

  const literal = [allow(worker, 'POST', { post_filter: { ActivitySid: 'WA1' } })];
  assert.ok(allowed(literal, worker, 'POST', { ActivitySid: 'WA1' }));
  assert.ok(!allowed(literal, worker, 'POST', { ActivitySid: 'WA2' }));
  assert.ok(!allowed(literal, worker, 'POST', { ActivitySid: ['WA1', 'WA2'] }));

  const optional = [allow(worker, 'POST', { post_filter: { ActivitySid: { required: false, value: 'WA1' } } })];
  assert.ok(allowed(optional, worker, 'POST', {}));
  assert.ok(allowed(optional, worker, 'POST', { ActivitySid: 'WA1' }));
  assert.ok(!allowed(optional, worker, 'POST', { ActivitySid: 'WA2' }));
});

test('query_filter applies to GET, post_filter to POST', () => {
  const url = `${API}/Workers/${WK}/Reservations`;
  const policies = [allow(url, 'GET', { query_filter: { ReservationStatus: 'pending' }, post_filter: { Never: 'x' } })];
  assert.ok(allowed(policies, url, 'GET', { ReservationStatus: 'pending' }));
  assert.ok(!allowed(policies, url, 'GET', { ReservationStatus: 'accepted' }));
});

test('the most specific rule wins; deny wins a tie', () => {
  const denyOne = [allow(`${API}/**`), { ...allow(`${API}/Workers/${WK2}`), allow: false }];
  assert.ok(allowed(denyOne, `${API}/Workers/${WK}`));
  assert.ok(!allowed(denyOne, `${API}/Workers/${WK2}`));

  const allowOne = [{ ...allow(`${API}/**`), allow: false }, allow(`${API}/Workers/*`)];
  assert.ok(allowed(allowOne, `${API}/Workers/${WK}`));
  assert.ok(!allowed(allowOne, `${API}/Tasks`));

  const starOverGlob = [{ ...allow(`${API}/Workers/**`), allow: false }, allow(`${API}/Workers/*`)];
  assert.ok(allowed(starOverGlob, `${API}/Workers/${WK}`));

  const filtered = [
    allow(`${API}/Workers/${WK}`, 'POST'),
    { ...allow(`${API}/Workers/${WK}`, 'POST', { post_filter: { ActivitySid: 'WAbusy' } }), allow: false },
  ];
  assert.ok(allowed(filtered, `${API}/Workers/${WK}`, 'POST', { ActivitySid: 'WAidle' }));
  assert.ok(!allowed(filtered, `${API}/Workers/${WK}`, 'POST', { ActivitySid: 'WAbusy' }));

  const tie = [allow(`${API}/Tasks`), { ...allow(`${API}/Tasks`), allow: false }];
  assert.ok(!allowed(tie, `${API}/Tasks`));
});

test('worker policies cover what TaskRouter.js v1 calls, and nothing of another worker', () => {
  const policies = workerPolicies({ accountSid: AC, workspaceSid: WS, workerSid: WK });
  const yes: Array<[string, string, Record<string, string>?]> = [
    [`${BRIDGE}/${WK}`, 'GET'],
    [`${BRIDGE}/${WK}`, 'POST'],
    [`${API}/Workers/${WK}`, 'GET'],
    [`${API}/Workers/${WK}/Reservations`, 'GET', { ReservationStatus: 'pending' }],
    [`${API}/Workers/${WK}/Reservations/${WR}`, 'GET'],
    [`${API}/Workers/${WK}/Channels`, 'GET'],
    [`${API}/Workers/${WK}/Statistics`, 'GET'],
    [`${API}/Activities`, 'GET'],
    [`${API}/Tasks/${WT}`, 'GET'],
    [`${API}/Tasks/${WT}/Reservations/${WR}`, 'GET'],
    [`${API}/Workers/${WK}`, 'POST', { ActivitySid: 'WA1' }],
    [`${API}/Tasks/${WT}/Reservations/${WR}`, 'POST', { ReservationStatus: 'accepted' }],
    [`${API}/Tasks/${WT}`, 'POST', { AssignmentStatus: 'completed' }],
  ];
  for (const [url, method, params] of yes) assert.ok(allowed(policies, url, method, params), `${method} ${url}`);
  const no: Array<[string, string, Record<string, string>?]> = [
    [`${BRIDGE}/${WK2}`, 'GET'],
    [`${API}/Workers/${WK2}`, 'GET'],
    [`${API}/Workers`, 'GET'],
    [`${API}/Workers/${WK}`, 'POST', { FriendlyName: 'x' }],
    [`${API}/Workers/${WK}`, 'DELETE'],
    [`${API}/TaskQueues`, 'GET'],
    [`${API}/Tasks`, 'POST', { Attributes: '{}' }],
    [`https://taskrouter.twilio.com/v1/Workspaces/WS${'9'.repeat(32)}/Workers/${WK}`, 'GET'],
  ];
  for (const [url, method, params] of no) assert.ok(!allowed(policies, url, method, params), `${method} ${url}`);
});

test('workspace and task queue policies', () => {
  const ws = workspacePolicies({ accountSid: AC, workspaceSid: WS, deletes: false });
  assert.ok(allowed(ws, `${API}/`, 'GET'));
  assert.ok(allowed(ws, `${API}/TaskQueues/${WQ}/Statistics`, 'GET'));
  assert.ok(allowed(ws, `${API}/Workers`, 'POST', { FriendlyName: 'x' }));
  assert.ok(!allowed(ws, `${API}/Workers/${WK}`, 'DELETE'));
  // The workspace token is the admin's: it updates and deletes the workspace itself too (seed 001).
  const admin = workspacePolicies({ accountSid: AC, workspaceSid: WS });
  assert.ok(allowed(admin, API, 'POST', { FriendlyName: 'x' }));
  assert.ok(allowed(admin, API, 'DELETE'));
  assert.ok(!allowed(ws, API, 'DELETE'));

  const wq = taskQueuePolicies({ accountSid: AC, workspaceSid: WS, taskQueueSid: WQ });
  assert.ok(allowed(wq, `${BRIDGE}/${WQ}`, 'GET'));
  assert.ok(allowed(wq, `${API}/TaskQueues/${WQ}/CumulativeStatistics`, 'GET'));
  assert.ok(allowed(wq, `${API}/TaskQueues/${WQ}`, 'POST', { FriendlyName: 'x' }));
  assert.ok(!allowed(wq, `${API}/TaskQueues/${WQ}`, 'DELETE'));
  assert.ok(!allowed(wq, `${API}/Workers`, 'GET'));
});

test('a rule on the exact URL beats one on X/**, even when the X/** rule has a filter', () => {
  const worker = `${API}/Workers/${WK}`;
  const policies: CapabilityPolicy[] = [
    { url: `${worker}/**`, method: 'POST', query_filter: {}, post_filter: { ActivitySid: { required: true } }, allow: true },
    { url: worker, method: 'POST', query_filter: {}, post_filter: {}, allow: false },
  ];
  assert.equal(evaluatePolicies(policies, { url: worker, method: 'POST', params: { ActivitySid: 'WA' + '1'.repeat(32) } }, OWN).allowed, false);
});
