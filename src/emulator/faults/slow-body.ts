// Sends a body in small chunks with pauses, as a congested link delivers it, so clients'
// read timeouts and progress handling get exercised. The caller has already written the
// status and headers (with the full Content-Length).
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits ms, or rejects with an AbortError when the signal fires. */
export type Pause = (ms: number, signal: AbortSignal) => Promise<void>;

/** Chunks per second: small enough to look continuous, large enough to stay cheap. */
const CHUNKS_PER_SECOND = 10;

const realPause: Pause = async (ms, signal) => {
  await sleep(ms, undefined, { signal });
};

/**
 * Resolves when the body is sent and the response ended, or early when the client goes
 * away (the socket closes) or `signal` fires; in the last case the response is destroyed,
 * because a half-sent body cannot be completed any other way. `pause` is for tests.
 */
export async function writeSlowly(res: ServerResponse, body: Buffer, bytesPerSecond: number, signal?: AbortSignal, pause: Pause = realPause): Promise<void> {
  if (!(bytesPerSecond > 0)) throw new RangeError(`bytesPerSecond must be positive, got ${bytesPerSecond}`);
  const chunkSize = Math.max(1, Math.floor(bytesPerSecond / CHUNKS_PER_SECOND));
  const closed = new AbortController();
  const onClose = (): void => closed.abort();
  res.once('close', onClose);
  const stop = signal === undefined ? closed.signal : AbortSignal.any([signal, closed.signal]);
  try {
    for (let offset = 0; offset < body.length; offset += chunkSize) {
      if (stop.aborted || res.destroyed) return;
      const chunk = body.subarray(offset, offset + chunkSize);
      if (!res.write(chunk)) await drained(res, stop);
      if (offset + chunkSize < body.length) await pause((chunk.length * 1000) / bytesPerSecond, stop);
    }
    if (!stop.aborted && !res.destroyed) res.end();
  } catch (error) {
    if (!stop.aborted) throw error;
  } finally {
    res.off('close', onClose);
    if (signal?.aborted && !res.writableEnded) res.destroy();
  }
}

function drained(res: ServerResponse, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      stop.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    stop.addEventListener('abort', done, { once: true });
  });
}
