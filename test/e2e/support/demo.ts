/**
 * What the demo's e2e tests share: `npm start`'s script run as a newcomer would (but on a free port, a
 * fresh database and a private build folder, so tests can run side by side), the machine's Chromium
 * through playwright-core, a watch on the page's console and network, and the screenshot folder.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** test-artifacts/e2e/: screenshots of the key steps (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

export interface RunningDemo {
  /** The one URL start.mjs printed. */
  url: string;
  /** Everything start.mjs printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs `node scripts/start.mjs` and resolves with the URL it prints. */
export function startDemo(): Promise<RunningDemo> {
  const dir = mkdtempSync(join(tmpdir(), 'taskrouter-kit-e2e-'));
  const child = spawn(
    process.execPath,
    ['scripts/start.mjs', '--port', '0', '--db', join(dir, 'demo.db'), '--out', join(dir, 'demo')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const stop = () =>
    new Promise<void>((done) => {
      const finish = () => {
        rmSync(dir, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null || child.signalCode !== null) return finish();
      child.once('exit', finish);
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`npm start printed no URL in 60 s:\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /taskrouter-kit demo: (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!, output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

interface ChromePath {
  requireChrome(): string;
  CHROME_ARGS: string[];
}

/** The machine's Chrome or Chromium (scripts/chrome-path.mjs), headless, nothing downloaded. */
export async function launchChromium(): Promise<Browser> {
  // A JS module without type declarations: imported through a variable and typed here.
  const chromePath = new URL('../../../scripts/chrome-path.mjs', import.meta.url).href;
  const { requireChrome, CHROME_ARGS } = (await import(chromePath)) as ChromePath;
  return chromium.launch({ executablePath: requireChrome(), args: CHROME_ARGS, headless: true });
}

/**
 * Collects what a demo page must never do: console errors, uncaught exceptions, failed requests and
 * error responses. Returns the live list.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

/** Saves a full-page screenshot under test-artifacts/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The demo and the browser one test file shares, with a way to open the demo in a fresh page. */
export class DemoSession {
  demo!: RunningDemo;
  browser!: Browser;

  /**
   * Opens the demo at `hash` (e.g. `/#/crm-page`) in a new desktop-sized page watched for problems,
   * once the story there is set up and rendered.
   */
  async open(hash = ''): Promise<{ page: Page; problems: string[] }> {
    const page = await this.browser.newPage({ viewport: { width: 1440, height: 960 } });
    const problems = watchForProblems(page);
    await page.goto(`${this.demo.url}${hash}`);
    await page.locator('#canvas[data-state="ready"]').waitFor({ timeout: 30_000 });
    return { page, problems };
  }
}

/** Starts the demo and Chromium before the calling file's tests, and closes both after them. */
export function useDemoSession(): DemoSession {
  const session = new DemoSession();
  before(async () => {
    [session.demo, session.browser] = await Promise.all([startDemo(), launchChromium()]);
  });
  after(async () => {
    await session.browser?.close();
    await session.demo?.stop();
  });
  return session;
}
