// Messages between an OffThreadSnapshot and its writer threads (slot-writer-worker.ts). Plain data.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { RawPage } from '../graph/raw-page.ts';
import type { Problem } from '../problem.ts';
import type { SlotCommit } from './slot-writer.ts';

export interface SlotWriterStart {
  readonly path: string;
  readonly cacheKiB: number;
  /** WriteTurns' shared cell: the same for every thread of the snapshot. */
  readonly turns: SharedArrayBuffer;
  /**
   * The first thread claims the staging slot (at `now`, ISO 8601: the threads have no clock of
   * their own, so tests can drive time); the others join the run it claimed.
   */
  readonly role: { readonly kind: 'claim'; readonly now: string } | { readonly kind: 'join'; readonly runId: number };
}

export type SlotWriterRequest =
  /**
   * A Graph page as it came, decoded, parsed and checked in the thread. `turn` is its place
   * among the pages and devices added (0, 1, 2…): it is stored in that turn (WriteTurns).
   */
  | { readonly kind: 'page'; readonly id: number; readonly turn: number; readonly page: RawPage }
  /** Devices already parsed (and checked) by the caller, stored in their turn. */
  | { readonly kind: 'devices'; readonly id: number; readonly turn: number; readonly devices: readonly ManagedDevice[] }
  /** Only to the claiming thread, once the others are closed: no more pages (SlotWriter.seal). */
  | { readonly kind: 'seal'; readonly id: number }
  /** Only to the claiming thread, once sealed. */
  | { readonly kind: 'commit'; readonly id: number; readonly commit: SlotCommit }
  | { readonly kind: 'abort'; readonly id: number; readonly finishedAt: string; readonly itemCount: number; readonly reason: string | undefined }
  /** To the joining threads: close the connection and end. */
  | { readonly kind: 'close'; readonly id: number };

export type SlotWriterReply =
  | { readonly kind: 'ready'; readonly id: 0; readonly runId: number }
  /** A page is in: how many devices it held, and its newest check-in (epoch ms). */
  | { readonly kind: 'written'; readonly id: number; readonly received: number; readonly newestSyncMs: number | undefined }
  /** The number of different devices in the sealed slot. */
  | { readonly kind: 'sealed'; readonly id: number; readonly deviceCount: number }
  | { readonly kind: 'done'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly problem?: Problem; readonly message?: string };
