/**
 * The kit under a strict Content-Security-Policy: the shipped single-file bundle (built
 * here with the build's own esbuild settings) on a page whose policy allows scripts and
 * styles from its own origin only (no 'unsafe-inline', no 'unsafe-eval'), talking to the
 * real local server whose data carries markup and script. Every element must render and
 * work with no CSP violation, no console error, no inline handler, and nothing run.
 * A control page proves the violation detector sees inline script, eval and inline styles.
 * The bundle itself must contain no eval and no Function constructor.
 */
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build, type BuildOptions } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { launchChromium, ROOT } from '../e2e/support/demo.js';
import type { CspProbe } from './support/csp-watch.js';

/** Hostile values put into the server's data. */
const RUN = 'window.__xss=(window.__xss||0)+1';
const HOSTILE = {
  worker: `<img src=x onerror="${RUN}">`,
  activity: `<script>${RUN}</script>`,
  queue: `"><svg onload="${RUN}">`,
  attribute: `<iframe src="javascript:${RUN}"></iframe>`,
  attributeName: '<b onmouseover=alert(1)>key</b>',
};

let dir: string;
let server: RunningServer;
let pages: Server;
let pagesUrl: string;
let browser: Browser;
let queueSid: string;
let workerSid: string;
/** CSP reports the pages sent (report-uri), as `{document, directive, blocked}`. */
const reports: Array<{ document: string; directive: string; blocked: string }> = [];
const internalErrors: unknown[] = [];

/** The strict policy: own-origin scripts and styles only; connections to the page and the TaskRouter server. */
function policy(extra = ''): string {
  const api = server.url;
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self'", `connect-src 'self' ${api} ${api.replace(/^http/, 'ws')}`,
    "img-src 'self'", "media-src 'self'", "font-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    'report-uri /csp-report', extra,
  ].filter(Boolean).join('; ');
}

function kitPage(): string {
  const tokens = `${server.url}/dev/tokens`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>taskrouter-kit under a strict CSP</title>
<script src="/watch.js"></script>
<script type="module" src="/kit.js"></script>
</head><body>
<tr-provider worker-token-url="${tokens}/worker?workerSid=${workerSid}" workspace-token-url="${tokens}/workspace" event-bridge-url="${server.url}">
  <tr-worker-status></tr-worker-status>
  <tr-reservation-inbox></tr-reservation-inbox>
  <tr-queue-stats></tr-queue-stats>
  <tr-queue-editor queue-sid="${queueSid}" preview-delay="0"></tr-queue-editor>
</tr-provider>
</body></html>`;
}

/** Breaks the policy every way the kit must not: inline script, an inline handler, an inline style, eval. */
const CONTROL_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>control</title>
<script src="/watch.js"></script>
<script>window.__inline = 1</script>
<script type="module" src="/control.js"></script>
</head><body><button id="b" onclick="window.__clicked = 1">x</button><p style="color: red">styled</p></body></html>`;
const CONTROL_SCRIPT = `try { eval('window.__eval = 1'); } catch {} setTimeout(() => document.getElementById('b').click());`;

async function serveFiles(): Promise<void> {
  const files: Record<string, [string, string, string?]> = {
    '/': ['text/html', kitPage(), policy()],
    '/trusted-types': ['text/html', kitPage(), policy("require-trusted-types-for 'script'")],
    '/control': ['text/html', CONTROL_PAGE, policy()],
    '/kit.js': ['text/javascript', readFileSync(join(dir, 'kit.js'), 'utf8')],
    '/watch.js': ['text/javascript', readFileSync(join(dir, 'watch.js'), 'utf8')],
    '/control.js': ['text/javascript', CONTROL_SCRIPT],
  };
  pages = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/csp-report') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const report = (JSON.parse(body) as { 'csp-report': Record<string, string> })['csp-report'];
        reports.push({ document: new URL(report['document-uri']!).pathname, directive: report['effective-directive']!, blocked: report['blocked-uri']! });
        response.writeHead(204).end();
      });
      return;
    }
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    const [type, body, csp] = file;
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, ...(csp ? { 'content-security-policy': csp } : {}) });
    response.end(body);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const address = pages.address();
  pagesUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'taskrouter-kit-csp-'));
  // The build's own esbuild settings, so what is tested is what ships.
  const bundles = (await import(new URL('../../scripts/bundles.mjs', import.meta.url).href)) as { browserBundle: BuildOptions; fullKitEntry: string };
  await build({
    ...bundles.browserBundle,
    absWorkingDir: ROOT,
    entryPoints: { kit: bundles.fullKitEntry, watch: 'test/security/support/csp-watch.ts' },
    outdir: dir,
    minify: true,
    logLevel: 'error',
  });

  server = await startServer({ port: 0, memory: true, seed: 'demo', dev: true, onError: (error) => internalErrors.push(error) });
  const { engine } = server;
  const ws = server.workspaceSid!;
  const all = { page_size: 1000 };
  const named = (items: Array<{ sid: string; friendly_name: string }>, name: string) => items.find((item) => item.friendly_name === name)!.sid;
  workerSid = named(engine.workers.list(ws, all).items, 'Alice');
  queueSid = named(engine.taskQueues.list(ws, all).items, 'Sales');
  engine.workers.update(ws, workerSid, { friendly_name: HOSTILE.worker });
  engine.activities.update(ws, named(engine.activities.list(ws, all).items, 'Break'), { friendly_name: HOSTILE.activity });
  engine.taskQueues.update(ws, queueSid, { friendly_name: HOSTILE.queue });
  // A sales task: routed to Alice, the page's worker, so it waits in her inbox.
  engine.tasks.create(ws, {
    workflow_sid: named(engine.workflows.list(ws, all).items, 'Demo routing'),
    attributes: { type: 'sales', name: HOSTILE.worker, [HOSTILE.attributeName]: HOSTILE.attribute, nested: { html: HOSTILE.activity } },
  });
  await serveFiles();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => pages?.close(resolve));
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens `path` and records what the page logs as errors. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(`${pagesUrl}${path}`);
  return { page, problems };
}

/** The reports of the page at `path`, once no new one came for a moment. */
async function reportsOf(path: string, atLeast = 0): Promise<typeof reports> {
  const mine = () => reports.filter((report) => report.document === path);
  const deadline = Date.now() + 5000;
  let seen = -1;
  while (mine().length !== seen || mine().length < atLeast) {
    if (Date.now() > deadline) break;
    seen = mine().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return mine();
}

const probe = (page: Page) => page.evaluate(() => {
  const csp = (window as unknown as { __csp: CspProbe }).__csp;
  return { violations: [...csp.violations], inert: csp.inertProblems(), texts: csp.texts(), xss: (window as { __xss?: number }).__xss };
});

/** Waits until every element shows the server's (hostile) data. */
async function waitForData(page: Page): Promise<void> {
  await page.waitForFunction((hostile) => {
    const csp = (window as unknown as { __csp?: CspProbe }).__csp;
    if (!csp || document.querySelector('tr-provider')?.getAttribute('connection') !== 'connected') return false;
    const texts = csp.texts();
    return texts['tr-reservation-inbox']?.includes(hostile.attribute) && texts['tr-queue-stats']?.includes(hostile.queue) &&
      texts['tr-queue-editor']?.includes(hostile.queue) && texts['tr-worker-status']?.includes('Available');
  }, HOSTILE, { timeout: 20_000, polling: 100 });
}

describe('the kit under a strict Content-Security-Policy', () => {
  test('the violation detector sees inline script, inline handlers, inline styles and eval (control)', async () => {
    const { page, problems } = await open('/control');
    const sent = await reportsOf('/control', 4);
    const { violations } = await probe(page);
    const ran = await page.evaluate(() => [(window as { __inline?: number }).__inline, (window as { __eval?: number }).__eval, (window as { __clicked?: number }).__clicked]);
    assert.deepEqual(ran, [undefined, undefined, undefined], 'the policy blocked the inline script, eval and the inline handler');
    const directives = (list: string[]) => [...new Set(list)].sort();
    const expected = ['script-src', 'script-src-attr', 'script-src-elem', 'style-src-attr'];
    assert.deepEqual(directives(sent.map((report) => report.directive)), expected, 'reported to report-uri');
    assert.deepEqual(directives(violations.map((line) => line.split(' ')[0]!)), expected, 'seen by the page');
    assert.ok(problems.some((line) => /Content Security Policy/.test(line)), 'logged to the console');
    await page.close();
  });

  test('every element renders the hostile data as text, with no violation, error or handler', async () => {
    const { page, problems } = await open('/');
    await waitForData(page);
    // Act on the page as a user would: accept the reservation, which re-renders the inbox.
    await page.evaluate(() => {
      const inbox = document.querySelector('tr-reservation-inbox')!;
      (inbox.shadowRoot!.querySelector('[part=accept-button]') as HTMLElement).click();
    });
    await page.waitForFunction(() => {
      const inbox = document.querySelector('tr-reservation-inbox')!;
      return !inbox.shadowRoot!.querySelector('[part=accept-button]');
    }, null, { timeout: 10_000 });
    const sent = await reportsOf('/');
    const result = await probe(page);
    assert.deepEqual(result.violations, [], 'CSP violations');
    assert.deepEqual(sent, [], 'CSP reports');
    assert.deepEqual(problems, [], 'console errors');
    assert.deepEqual(result.inert, [], 'markup from data');
    assert.equal(result.xss, undefined, 'a payload ran');
    assert.ok(result.texts['tr-reservation-inbox']!.includes(HOSTILE.attributeName), 'attribute names shown as text');
    assert.ok(result.texts['tr-queue-stats']!.includes(HOSTILE.queue), 'queue names shown as text');
    await page.close();
  });

  test('with Trusted Types required as well, nothing is refused', async () => {
    const { page, problems } = await open('/trusted-types');
    await waitForData(page);
    const sent = await reportsOf('/trusted-types');
    const result = await probe(page);
    assert.deepEqual(result.violations, [], 'Trusted Types or CSP violations');
    assert.deepEqual(sent, [], 'reports');
    assert.deepEqual(problems, [], 'console errors');
    await page.close();
  });

  test('the shipped bundle has no eval, Function constructor or string timers', () => {
    const code = readFileSync(join(dir, 'kit.js'), 'utf8');
    for (const pattern of [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /[^\w$.]Function\s*\(\s*["'`]/, /\bset(Timeout|Interval)\s*\(\s*["'`]/]) {
      assert.equal(pattern.exec(code)?.[0], undefined, `${pattern} in the bundle`);
    }
    assert.ok(code.length > 50_000, 'the bundle holds the kit');
  });

  test('the server reported no internal error', () => {
    assert.deepEqual(internalErrors.map(String), []);
  });
});
