#!/usr/bin/env node
/**
 * `taskrouter-kit serve`: runs the local TaskRouter server.
 *
 *   taskrouter-kit serve [--port 4200] [--host 127.0.0.1] [--db ./.data/taskrouter.db | --memory]
 *                        [--seed demo|none] [--dev] [--static DIR]
 *                        [--account-sid AC…] [--auth-token …] [--heartbeat-ms 10000]
 *
 * In development: `node --import tsx src/server/cli.ts serve --dev`.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT } from './address.js';
import { MAX_HEARTBEAT_INTERVAL_MS } from './bridge/heartbeat.js';
import { isLoopbackPeer } from './http/cors.js';
import { checkServerDependencies, MissingDependencyError } from './missing-deps.js';
import type { RunningServer, ServerOptions } from './index.js';

/** Default database file, relative to the working directory. */
export const DEFAULT_DB_FILE = './.data/taskrouter.db';

export const USAGE = `Usage: taskrouter-kit serve [options]

Options:
  --port N              port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS        interface to listen on (default ${DEFAULT_HOST})
  --db FILE             SQLite file (default ${DEFAULT_DB_FILE}; its directory is created)
  --memory              keep everything in memory instead
  --seed demo|none      create the demo workspace on first start (default demo)
  --dev                 serve /dev/tokens/*, /dev/config and /dev/scenarios/* (no authentication!)
  --static DIR          serve a built demo page from DIR (with --dev)
  --account-sid AC…     fix the AccountSid (or TASKROUTER_ACCOUNT_SID)
  --auth-token TOKEN    fix the AuthToken (or TASKROUTER_AUTH_TOKEN)
  --heartbeat-ms N      event-bridge heartbeat interval (default 10000)
  --public-origin URL   an origin the server is reached at besides its own, e.g. behind a TLS proxy
                        (https://tr.example.com); repeat for several
  --help                show this help`;

/** A command-line mistake: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${value}'`);
  return number;
}

/** Reads `serve` arguments and the environment into server options (and the database file, if any). */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerOptions & { help?: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        memory: { type: 'boolean' },
        seed: { type: 'string' },
        dev: { type: 'boolean' },
        static: { type: 'string' },
        'account-sid': { type: 'string' },
        'auth-token': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'public-origin': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1 || positionals[0] !== 'serve') {
    throw new UsageError(positionals.length === 0 ? 'Missing command: serve' : `Unknown command '${positionals.join(' ')}'`);
  }
  if (values.memory && values.db) throw new UsageError('--db and --memory exclude each other');
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new UsageError(`--seed must be demo or none, got '${seed}'`);
  if (values.static && !values.dev) throw new UsageError('--static needs --dev');
  // An empty environment variable counts as unset.
  const accountSid = values['account-sid'] ?? (env.TASKROUTER_ACCOUNT_SID || undefined);
  if (accountSid !== undefined && !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new UsageError(`The AccountSid must be AC followed by 32 hex digits, got '${accountSid}'`);
  }
  return {
    port: integerOption(values.port, 'port', 0, 65535) ?? DEFAULT_PORT,
    host: values.host ?? DEFAULT_HOST,
    ...(values.memory ? { memory: true } : { file: resolve(values.db ?? DEFAULT_DB_FILE) }),
    seed,
    dev: values.dev ?? false,
    staticDir: values.static,
    accountSid,
    authToken: values['auth-token'] ?? (env.TASKROUTER_AUTH_TOKEN || undefined),
    heartbeatIntervalMs: integerOption(values['heartbeat-ms'], 'heartbeat-ms', 100, MAX_HEARTBEAT_INTERVAL_MS),
    publicOrigins: (values['public-origin'] ?? []).map(originOption),
  };
}

/** `https://tr.example.com` (a bare origin: scheme, host, port). */
function originOption(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // Refused below.
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    throw new UsageError(`--public-origin must be an origin like https://tr.example.com, got '${value}'`);
  }
  return url.origin;
}

/** Banner lines naming the workspace's first workers and queues with their SIDs (what the token URLs need). */
function resourceLines(server: RunningServer): string[] {
  const workspace = server.workspaceSid;
  if (!workspace) return [];
  const shown = 10;
  const lines: string[] = [];
  for (const [label, collection, service] of [
    ['Worker', 'Workers', server.engine.workers],
    ['TaskQueue', 'TaskQueues', server.engine.taskQueues],
  ] as const) {
    const page = service.list(workspace, { page_size: shown });
    for (const item of page.items) lines.push(`  ${label.padEnd(14)} ${item.sid}  ${item.friendly_name}`);
    if (page.has_next) lines.push(`  ${label.padEnd(14)} … more: GET ${server.url}/v1/Workspaces/${workspace}/${collection}`);
  }
  return lines;
}

/** The lines printed once the server listens. */
export function banner(server: RunningServer, options: ServerOptions): string {
  const lines = [
    `taskrouter-kit serving at ${server.url}`,
    `  REST API       ${server.url}/v1`,
    `  Event bridge   ${server.url.replace(/^http/, 'ws')}/v1/wschannels`,
    `  AccountSid     ${server.accountSid}`,
    `  AuthToken      ${server.authToken}`,
    `  Workspace      ${server.workspaceSid ?? '(none yet: POST /v1/Workspaces)'}`,
    ...resourceLines(server),
    `  Database       ${options.memory ? '(in memory)' : options.file}`,
  ];
  if (options.dev) {
    lines.push(`  Dev endpoints  ${server.url}/dev/config  ${server.url}/dev/tokens/worker?workerSid=WK…`);
    if (options.staticDir) lines.push(`  Demo page      ${server.url}/`);
    const host = options.host ?? DEFAULT_HOST;
    if (host !== 'localhost' && !isLoopbackPeer(host)) lines.push(`  Note           on ${host}, the dev endpoints still answer only callers on this machine`);
  }
  return lines.join('\n');
}

/** Options of {@link main}. */
export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  print?: (text: string) => void;
  /** Close the server and exit on SIGINT / SIGTERM (installed before the banner is printed). */
  handleSignals?: boolean;
}

/**
 * Runs the CLI. Returns the running server (or undefined after --help); throws
 * UsageError or MissingDependencyError for the caller to print.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<RunningServer | undefined> {
  const print = options.print ?? console.log;
  const env = options.env ?? process.env;
  const serveOptions = parseServeArgs(argv, env);
  if (serveOptions.help) {
    print(USAGE);
    return undefined;
  }
  await checkServerDependencies();
  if (serveOptions.file) mkdirSync(dirname(serveOptions.file), { recursive: true });
  const { startServer } = await import('./index.js');
  // A supervisor (scripts/start.mjs) that restarts the server on this exit code enables the demo's restart button.
  const restartExitCode = env.TASKROUTER_KIT_RESTART_EXIT_CODE ? Number(env.TASKROUTER_KIT_RESTART_EXIT_CODE) : undefined;
  const server = await startServer({
    ...serveOptions,
    onRestartRequest:
      restartExitCode === undefined
        ? undefined
        : () => {
            server.close().then(() => process.exit(restartExitCode), () => process.exit(1));
          },
  });
  if (options.handleSignals) {
    const stop = () => {
      server.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  print(banner(server, serveOptions));
  return server;
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), { handleSignals: true }).catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof MissingDependencyError ? error.message : error);
    process.exit(1);
  });
}
