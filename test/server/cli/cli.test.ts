import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DB_FILE, parseServeArgs, UsageError } from '../../../src/server/cli.js';
import { checkServerDependencies, MissingDependencyError, SERVER_DEPENDENCIES } from '../../../src/server/missing-deps.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const AC = 'AC' + 'a'.repeat(32);

describe('argument parsing', () => {
  test('defaults', () => {
    const options = parseServeArgs(['serve'], {});
    assert.equal(options.port, 4200);
    assert.equal(options.host, '127.0.0.1');
    assert.equal(options.file, resolve(DEFAULT_DB_FILE));
    assert.equal(options.memory, undefined);
    assert.equal(options.seed, 'demo');
    assert.equal(options.dev, false);
    assert.equal(options.accountSid, undefined);
  });

  test('flags and environment', () => {
    const options = parseServeArgs(
      ['serve', '--port', '0', '--host', '0.0.0.0', '--memory', '--seed', 'none', '--dev', '--static', 'dist/demo', '--heartbeat-ms', '500'],
      { TASKROUTER_ACCOUNT_SID: AC, TASKROUTER_AUTH_TOKEN: 'secret-token' },
    );
    assert.deepEqual(
      { port: options.port, host: options.host, memory: options.memory, seed: options.seed, dev: options.dev, staticDir: options.staticDir },
      { port: 0, host: '0.0.0.0', memory: true, seed: 'none', dev: true, staticDir: 'dist/demo' },
    );
    assert.equal(options.accountSid, AC);
    assert.equal(options.authToken, 'secret-token');
    assert.equal(options.heartbeatIntervalMs, 500);
    const flagsWin = parseServeArgs(['serve', '--account-sid', 'AC' + 'b'.repeat(32)], { TASKROUTER_ACCOUNT_SID: AC });
    assert.equal(flagsWin.accountSid, 'AC' + 'b'.repeat(32));
    const proxied = parseServeArgs(['serve', '--public-origin', 'https://tr.example.com/', '--public-origin', 'http://10.0.0.5:8080'], {});
    assert.deepEqual(proxied.publicOrigins, ['https://tr.example.com', 'http://10.0.0.5:8080']);
  });

  test('mistakes are usage errors that say what is wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Missing command/],
      [['start'], /Unknown command 'start'/],
      [['serve', '--colour'], /colour/],
      [['serve', '--port', '70000'], /--port/],
      [['serve', '--port', 'x'], /--port/],
      [['serve', '--db', 'a.db', '--memory'], /exclude/],
      [['serve', '--seed', 'lots'], /--seed/],
      [['serve', '--static', 'dir'], /--static needs --dev/],
      [['serve', '--account-sid', 'AC123'], /AccountSid/],
      [['serve', '--heartbeat-ms', '60000'], /--heartbeat-ms/],
      [['serve', '--public-origin', 'tr.example.com'], /--public-origin must be an origin/],
      [['serve', '--public-origin', 'https://tr.example.com/app'], /--public-origin must be an origin/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseServeArgs(argv, {}), (error: unknown) => error instanceof UsageError && message.test(error.message), argv.join(' '));
    }
    assert.deepEqual(parseServeArgs(['--help'], {}), { help: true });
  });
});

describe('missing optional dependencies', () => {
  test('a missing package is named with the npm install line', async () => {
    const load = async (name: string) => {
      if (name === 'ws' || name === 'better-sqlite3') throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
      return {};
    };
    await assert.rejects(checkServerDependencies(SERVER_DEPENDENCIES, load), (error: unknown) => {
      assert.ok(error instanceof MissingDependencyError);
      assert.match(error.message, /npm install ws@8 better-sqlite3@12/);
      assert.deepEqual(error.missing.map((dep) => dep.name), ['ws', 'better-sqlite3']);
      return true;
    });
  });

  test('a package that fails to load is named with the rebuild line', async () => {
    const load = async (name: string) => {
      if (name === 'better-sqlite3') throw new Error('The module was compiled against a different Node.js version');
      return {};
    };
    await assert.rejects(checkServerDependencies(SERVER_DEPENDENCIES, load), /different Node[\s\S]*npm rebuild better-sqlite3/);
  });

  test('the installed packages pass', async () => {
    await checkServerDependencies();
  });
});

describe('taskrouter-kit serve (a real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trk-cli-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the CLI and resolves with the banner's fields once it listens. */
  function serve(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve', ...args], {
      cwd: root,
      env: { ...process.env, TASKROUTER_ACCOUNT_SID: '', TASKROUTER_AUTH_TOKEN: '', ...env },
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const ready = new Promise<Record<string, string>>((resolveReady, reject) => {
      child.stdout.on('data', () => {
        if (!/Database .*\n/.test(stdout)) return;
        const field = (name: string) => new RegExp(`${name}\\s+(\\S+)`).exec(stdout)?.[1] ?? '';
        const sids = (label: string, prefix: string) => [...stdout.matchAll(new RegExp(`${label}\\s+(${prefix}\\w+)`, 'g'))].map((match) => match[1]!).join(',');
        resolveReady({
          url: /serving at (\S+)/.exec(stdout)![1]!, accountSid: field('AccountSid'), authToken: field('AuthToken'), workspace: field('Workspace'),
          workers: sids('Worker', 'WK'), queues: sids('TaskQueue', 'WQ'),
        });
      });
      exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    return { child, ready, exited, output: () => ({ stdout, stderr }) };
  }

  async function stop(run: ReturnType<typeof serve>) {
    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0, JSON.stringify(run.output()));
  }

  test('first start creates and stores the account and demo workspace; a restart reuses them', async () => {
    const db = join(dir, 'nested', 'state.db');
    const first = serve(['--port', '0', '--db', db]);
    const banner = await first.ready;
    assert.match(banner.accountSid!, /^AC[0-9a-f]{32}$/);
    assert.match(banner.workspace!, /^WS[0-9a-f]{32}$/);
    assert.ok(existsSync(db));
    const auth = 'Basic ' + Buffer.from(`${banner.accountSid}:${banner.authToken}`).toString('base64');
    const workspaces = (await (await fetch(`${banner.url}/v1/Workspaces`, { headers: { authorization: auth } })).json()) as any;
    assert.deepEqual(workspaces.workspaces.map((w: any) => w.sid), [banner.workspace]);
    // The banner names the seeded workers by SID, for worker token URLs.
    const workers = (await (await fetch(`${banner.url}/v1/Workspaces/${banner.workspace}/Workers`, { headers: { authorization: auth } })).json()) as any;
    assert.deepEqual(banner.workers!.split(','), workers.workers.slice(0, 10).map((w: any) => w.sid));
    // And the queues, for task queue token URLs.
    const queues = (await (await fetch(`${banner.url}/v1/Workspaces/${banner.workspace}/TaskQueues`, { headers: { authorization: auth } })).json()) as any;
    assert.deepEqual(banner.queues!.split(','), queues.task_queues.slice(0, 10).map((q: any) => q.sid));
    assert.equal((await fetch(`${banner.url}/dev/config`)).status, 404, 'dev endpoints are off without --dev');
    await stop(first);

    const second = serve(['--port', '0', '--db', db, '--dev']);
    const again = await second.ready;
    assert.deepEqual([again.accountSid, again.authToken, again.workspace], [banner.accountSid, banner.authToken, banner.workspace]);
    assert.equal((await fetch(`${again.url}/dev/config`)).status, 200);
    await stop(second);
  });

  test('credentials from the environment; a mismatch on restart is refused', async () => {
    const db = join(dir, 'fixed.db');
    const run = serve(['--port', '0', '--db', db, '--seed', 'none'], { TASKROUTER_ACCOUNT_SID: AC, TASKROUTER_AUTH_TOKEN: 'fixed-token-123' });
    const banner = await run.ready;
    assert.equal(banner.accountSid, AC);
    assert.equal(banner.authToken, 'fixed-token-123');
    assert.match(run.output().stdout, /Workspace\s+\(none yet/);
    await stop(run);

    const wrong = serve(['--port', '0', '--db', db, '--auth-token', 'another-token'], { TASKROUTER_ACCOUNT_SID: AC });
    await assert.rejects(wrong.ready, /another AuthToken/);
    assert.equal(await wrong.exited, 1);
  });

  test('usage errors exit with status 2 and the usage text', async () => {
    const run = serve(['--seed', 'everything']);
    await assert.rejects(run.ready);
    assert.equal(await run.exited, 2);
    assert.match(run.output().stderr, /--seed must be demo or none[\s\S]*Usage: taskrouter-kit serve/);
  });
});
