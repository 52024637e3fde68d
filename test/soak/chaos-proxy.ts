/**
 * A TCP proxy on 127.0.0.1 between the clients and the server: every client connection
 * (websocket or HTTP) passes through it, so the soak can cut chosen connections the way
 * a network failure does (no close frame, no response), and the server behind it can be
 * killed and restarted while the clients keep one URL.
 */
import net from 'node:net';
import type { Random } from '../security/support/random.js';

/** What a client connection carries, read from its first bytes. */
export type ConnectionKind = 'websocket' | 'http' | 'unknown';

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  kind: ConnectionKind;
  /** Bytes went up since the last bytes came down: a request is (likely) waiting for its answer. */
  awaiting: boolean;
}

/** Counts of the connections the proxy cut on purpose. */
export interface DropCounts {
  websocket: number;
  http: number;
}

export class ChaosProxy {
  private readonly links = new Set<Link>();
  private server?: net.Server;
  port = 0;
  readonly dropped: DropCounts = { websocket: 0, http: 0 };

  /** `target` is the server's port; it may change across restarts with {@link retarget}. */
  constructor(private target: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open connections by kind. */
  open(kind: ConnectionKind): number {
    return [...this.links].filter((link) => link.kind === kind).length;
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Points new connections at another server port. */
  retarget(port: number): void {
    this.target = port;
  }

  /**
   * Cuts up to `count` random connections of `kind` (both directions destroyed, as a
   * network failure would), HTTP ones with a request in flight first. Returns how many were cut.
   */
  drop(random: Random, kind: Exclude<ConnectionKind, 'unknown'>, count: number): number {
    const candidates = [...this.links].filter((link) => link.kind === kind);
    // Prefer connections whose request is waiting for its answer: the answer is lost, the change may have happened.
    const waiting = candidates.filter((link) => link.awaiting);
    const victims = random.sample(waiting.length > 0 && kind === 'http' ? waiting : candidates, count);
    for (const link of victims) this.cut(link);
    this.dropped[kind] += victims.length;
    return victims.length;
  }

  /** Cuts every connection (what a dying server does to its clients). Not counted as a drop. */
  cutAll(): void {
    for (const link of this.links) this.cut(link);
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private cut(link: Link): void {
    link.client.destroy();
    link.upstream.destroy();
    this.links.delete(link);
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target, '127.0.0.1');
    const link: Link = { client, upstream, kind: 'unknown', awaiting: false };
    this.links.add(link);
    const close = () => this.cut(link);
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
    // The request head may arrive in several chunks (a long token in the URL): read until its end.
    let head = '';
    const sniff = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n') && head.length < 32 * 1024) return;
      client.off('data', sniff);
      link.kind = /^upgrade:\s*websocket\r?$/im.test(head) ? 'websocket' : 'http';
    };
    client.on('data', sniff);
    client.on('data', () => (link.awaiting = true));
    upstream.on('data', () => (link.awaiting = false));
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
