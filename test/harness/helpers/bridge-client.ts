// A bridge client in Node over the real WebSocket, for the harness's security tests: it can send
// what a browser page would, and what a hostile one would try.
import { WebSocket } from 'ws';

export interface TestSocket {
  readonly ws: WebSocket;
  readonly received: unknown[];
  /** The next message that `match` accepts (already received or still to come). */
  next(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the close code and reason. */
  closed(): Promise<{ readonly code: number; readonly reason: string }>;
  send(value: unknown): void;
  close(): void;
}

export async function openSocket(port: number, origin: string | undefined, path = '/bridge'): Promise<TestSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, origin === undefined ? {} : { origin });
  const received: unknown[] = [];
  const waiters = new Set<{ match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    received.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.delete(w);
        w.resolve(message);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    next(match, timeoutMs = 5000) {
      const already = received.find((m) => match(m as Record<string, unknown>));
      if (already) return Promise.resolve(already as Record<string, unknown>);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (m: Record<string, unknown>) => {
          clearTimeout(timer);
          resolve(m);
        } };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    closed: () => closed,
    send(value) {
      ws.send(typeof value === 'string' ? value : JSON.stringify(value));
    },
    close() {
      ws.close();
    },
  };
}
