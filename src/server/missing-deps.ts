/**
 * The server's packages are optional peer dependencies (so installing the elements never
 * compiles SQLite). Before loading the server, the CLI checks them and says exactly what
 * to install.
 */

/** An optional peer dependency of the server, with the range to install. */
export interface ServerDependency {
  name: string;
  range: string;
  purpose: string;
}

/** Every package `taskrouter-kit serve` loads. */
export const SERVER_DEPENDENCIES: readonly ServerDependency[] = [
  { name: 'fastify', range: '5', purpose: 'HTTP server' },
  { name: '@fastify/formbody', range: '9', purpose: 'form-encoded request bodies' },
  { name: '@fastify/cors', range: '11', purpose: 'CORS for the event-bridge REST proxy' },
  { name: 'ws', range: '8', purpose: 'event-bridge websockets' },
  { name: 'better-sqlite3', range: '12', purpose: 'SQLite store' },
];

/** Raised when packages are missing or fail to load; the message says what to do. */
export class MissingDependencyError extends Error {
  constructor(readonly missing: readonly ServerDependency[], readonly broken: readonly ServerDependency[], details: string[]) {
    const lines = ['taskrouter-kit serve cannot start:'];
    if (missing.length > 0) {
      lines.push(`  missing: ${missing.map((dep) => `${dep.name} (${dep.purpose})`).join(', ')}`);
      lines.push(`  install them with: npm install ${missing.map((dep) => `${dep.name}@${dep.range}`).join(' ')}`);
    }
    if (broken.length > 0) {
      lines.push(`  failed to load: ${broken.map((dep) => dep.name).join(', ')}`, ...details.map((detail) => `    ${detail}`));
      lines.push(`  reinstall them with: npm rebuild ${broken.map((dep) => dep.name).join(' ')}`);
    }
    super(lines.join('\n'));
    this.name = 'MissingDependencyError';
  }
}

function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && message.includes(name);
}

/**
 * Loads every server dependency; throws {@link MissingDependencyError} listing those
 * that are missing (with the `npm install` line) or that fail to load (e.g. a native
 * module built for another Node version). `load` is injectable for tests.
 */
export async function checkServerDependencies(
  dependencies: readonly ServerDependency[] = SERVER_DEPENDENCIES,
  load: (name: string) => Promise<unknown> = (name) => import(name),
): Promise<void> {
  const missing: ServerDependency[] = [];
  const broken: ServerDependency[] = [];
  const details: string[] = [];
  for (const dependency of dependencies) {
    try {
      const module = (await load(dependency.name)) as { default?: unknown };
      // better-sqlite3 only loads its native binding when a database opens.
      if (dependency.name === 'better-sqlite3' && typeof module.default === 'function') {
        const Database = module.default as new (file: string) => { close(): void };
        new Database(':memory:').close();
      }
    } catch (error) {
      if (isNotFound(error, dependency.name)) {
        missing.push(dependency);
      } else {
        broken.push(dependency);
        details.push(`${dependency.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  }
  if (missing.length > 0 || broken.length > 0) throw new MissingDependencyError(missing, broken, details);
}
