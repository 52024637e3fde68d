/**
 * The local server as a child process, run by its CLI on a SQLite file, so the soak can
 * SIGKILL it (no shutdown code runs, as on a crash or OOM kill) and start it again on
 * the same database and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Options of {@link ServerProcess}. */
export interface ServerProcessOptions {
  db: string;
  accountSid: string;
  authToken: string;
  /** Fixed port (0 the first time picks one; later starts reuse it). */
  port?: number;
}

/** One server process at a time, restartable on the same database and port. */
export class ServerProcess {
  private child?: ChildProcess;
  private output = '';
  port: number;
  starts = 0;
  kills = 0;

  constructor(private readonly options: ServerProcessOptions) {
    this.port = options.port ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the CLI and resolves once it prints its URL. */
  async start(): Promise<void> {
    const { db, accountSid, authToken } = this.options;
    const args = ['--import', 'tsx', 'src/server/cli.ts', 'serve', '--port', String(this.port), '--db', db, '--seed', 'none', '--dev',
      '--account-sid', accountSid, '--auth-token', authToken, '--heartbeat-ms', '2000'];
    const child = (this.child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }));
    this.output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`server did not start in 30 s:\n${this.output}`)), 30_000);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        this.output += chunk;
        const match = /serving at http:\/\/127\.0\.0\.1:(\d+)/.exec(this.output);
        if (!match) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        this.port = Number(match[1]);
        this.starts++;
        resolve();
      };
      const onExit = (code: number | null) => fail(new Error(`server exited with ${code} while starting:\n${this.output}`));
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk));
      child.once('exit', onExit);
    });
  }

  /** What the server printed (banner, errors). */
  log(): string {
    return this.output;
  }

  /** SIGKILLs the server and resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error('the server is not running');
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
    this.kills++;
  }

  /** Stops the server politely (SIGTERM), if it runs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}
