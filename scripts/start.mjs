// `npm start`: everything a newcomer needs on one URL. Refreshes custom-elements.json when the elements
// changed, builds the demo page (Vite) into dist/demo, then runs the local TaskRouter server in dev
// mode with the demo seed, serving that page on the same origin, and prints the page's URL.
//
// The server runs as a child process. When the demo's "Restart server" asks for a restart, the server
// exits with RESTART_EXIT_CODE and is started again on the same port and database, so the page sees a
// real restart (sockets dropped, state read back from SQLite).
//
//   node scripts/start.mjs [--port N] [--db FILE | --memory] [--out DIR] [--skip-build]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The exit code with which the server asks to be started again (EX_TEMPFAIL). */
const RESTART_EXIT_CODE = 75;
const DEFAULT_PORT = 4200;
const MANIFEST = 'custom-elements.json';
const ELEMENT_SOURCES = ['src/context', 'src/elements'];

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    db: { type: 'string', default: '.data/taskrouter.db' },
    memory: { type: 'boolean', default: false },
    out: { type: 'string', default: 'dist/demo' },
    'skip-build': { type: 'boolean', default: false },
  },
});

const say = (line) => console.log(`[start] ${line}`);

/** Newest modification time of the element sources (what the manifest is generated from). */
function newestSource() {
  let newest = 0;
  for (const dir of ELEMENT_SOURCES) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) {
        newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

/**
 * Regenerates custom-elements.json when it is missing or older than the element sources. The analyzer
 * writes into a private folder first and the file is renamed into place, so two starts at once
 * (parallel e2e tests) never read half a file.
 */
async function ensureManifest() {
  if (existsSync(MANIFEST) && statSync(MANIFEST).mtimeMs >= newestSource()) return;
  say('analyzing the elements (custom-elements.json)');
  const analyzer = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  const outdir = join('dist', `.manifest-${process.pid}`);
  // Globs and plugins come from custom-elements-manifest.config.mjs, as in `npm run build`.
  const args = ['analyze', '--quiet', '--outdir', outdir];
  const code = await new Promise((done) => spawn(process.execPath, [analyzer, ...args], { stdio: 'inherit' }).on('exit', done));
  if (code !== 0) throw new Error(`the custom-elements-manifest analyzer exited with ${code}`);
  renameSync(join(outdir, MANIFEST), MANIFEST);
  rmSync(outdir, { recursive: true, force: true });
}

async function buildDemo(outDir) {
  say(`building the demo page into ${relative(root, outDir) || '.'}`);
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir } });
}

/** True when nothing listens on the port yet. */
function portIsFree(port) {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .once('listening', () => probe.close(() => done(true)))
      .listen(port, '127.0.0.1');
  });
}

/** The explicit port, or 4200 when free, else any free port (nothing to configure either way). */
async function choosePort() {
  const explicit = options.port ?? process.env.PORT;
  if (explicit !== undefined) return Number(explicit);
  if (await portIsFree(DEFAULT_PORT)) return DEFAULT_PORT;
  say(`port ${DEFAULT_PORT} is busy; using a free port`);
  return 0;
}

/**
 * Starts the server: `child` at once, and `ready`, which resolves with its URL once it prints it. Output
 * before that is kept (and shown only if the server dies); output after it is passed through.
 */
function startServer(args, onExit) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Tells the server it is supervised: its dev restart endpoint may exit with this code.
    env: { ...process.env, TASKROUTER_KIT_RESTART_EXIT_CODE: String(RESTART_EXIT_CODE) },
  });
  let early = '';
  let url;
  const ready = new Promise((resolveUrl, reject) => {
    const forward = (stream) => (chunk) => {
      if (url) return stream.write(chunk);
      early += chunk;
      const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0):\d+/.exec(early);
      if (!match) return;
      url = match[0].replace('0.0.0.0', '127.0.0.1');
      resolveUrl({ url, banner: early });
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.once('exit', (code, signal) => {
      if (!url) reject(new Error(`the server exited (${signal ?? code}) before it was ready:\n${early}`));
      else onExit(code, signal);
    });
  });
  return { child, ready };
}

async function main() {
  await ensureManifest();
  const outDir = resolve(options.out);
  if (!options['skip-build'] || !existsSync(join(outDir, 'index.html'))) await buildDemo(outDir);

  const storage = options.memory ? ['--memory'] : ['--db', options.db];
  if (!options.memory) mkdirSync(dirname(resolve(options.db)), { recursive: true });
  let port = await choosePort();
  const serverArgs = () => ['--dev', '--seed', 'demo', '--static', outDir, '--port', String(port), ...storage];

  let current;
  let stopping = false;
  const run = async (restarted) => {
    const server = startServer(serverArgs(), (code, signal) => {
      if (stopping) process.exit(0);
      if (code === RESTART_EXIT_CODE) {
        say('restarting the server (same port, same database)');
        run(true).catch(fail);
        return;
      }
      // A clean exit (e.g. Ctrl+C reached the server first) ends `npm start` cleanly too.
      if (code !== 0) console.error(`[start] the server stopped (${signal ?? `exit code ${code}`})`);
      process.exit(code ?? 1);
    });
    current = server.child;
    const { url, banner } = await server.ready;
    port = Number(new URL(url).port);
    if (restarted) say('the server is back');
    else {
      console.log(`\n  taskrouter-kit demo: ${url}/\n`);
      const bannerLines = (pattern) => banner.split('\n').filter((line) => pattern.test(line));
      // The credentials a backend (or curl) uses against the REST API on the same origin.
      const credentials = bannerLines(/^\s*(AccountSid|AuthToken|Workspace)\b/);
      if (credentials.length > 0) console.log(`  REST API at ${url}/v1 with HTTP Basic auth:\n${credentials.join('\n')}\n`);
      // The workers' SIDs, for worker token URLs of the reader's own pages.
      const workers = bannerLines(/^\s*Worker\b/);
      if (workers.length > 0) console.log(`  Workers (${url}/dev/tokens/worker?workerSid=WK…):\n${workers.join('\n')}\n`);
      say(`local TaskRouter server in dev mode with the demo workspace; data in ${options.memory ? 'memory' : options.db}; Ctrl+C stops it`);
    }
  };

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      if (!current || current.exitCode !== null) process.exit(0);
      current.kill('SIGTERM');
    });
  }
  // A `kill` of npm's process does not reach this one: stop too when the parent is gone (this process is re-parented).
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.emit('SIGTERM'), 1000).unref();
  await run(false);
}

function fail(error) {
  console.error(`[start] ${error.message ?? error}`);
  process.exit(1);
}

main().catch(fail);
