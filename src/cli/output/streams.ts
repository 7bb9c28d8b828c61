// Node streams as TextOutput: writes wait for a full pipe to drain, so a large export into a slow
// consumer holds one buffer, not the whole file. A reader that goes away (head, a closed pager)
// makes further writes no-ops instead of crashing with EPIPE; any other failure (a full disk)
// fails the next write.
import type { Writable } from 'node:stream';
import type { TextOutput } from '../context.ts';

export function streamOutput(stream: Writable & { readonly isTTY?: boolean; readonly columns?: number }, onReaderGone?: () => void): TextOutput {
  let gone = false;
  let failure: Error | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      gone = true;
      onReaderGone?.();
    } else {
      failure = error;
    }
  });
  return {
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY === true ? stream.columns : undefined;
    },
    write(text: string): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (gone || stream.destroyed) return Promise.resolve();
      if (stream.write(text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', done);
          if (failure) reject(failure);
          else resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
      });
    },
  };
}
