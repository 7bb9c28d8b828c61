// Messages between an OffThreadSnapshot and its worker (slot-writer-worker.ts). Plain data.
import type { Problem } from '../problem.ts';
import type { SlotCommit } from './slot-writer.ts';
import type { StagedDevices } from './staged-devices.ts';

export interface SlotWriterStart {
  readonly path: string;
  /** When the run starts (ISO 8601): the worker has no clock of its own, so tests can drive time. */
  readonly now: string;
  readonly cacheKiB: number;
}

export type SlotWriterRequest =
  | { readonly kind: 'write'; readonly id: number; readonly staged: StagedDevices }
  | { readonly kind: 'commit'; readonly id: number; readonly commit: SlotCommit }
  | { readonly kind: 'abort'; readonly id: number; readonly finishedAt: string; readonly itemCount: number; readonly reason: string | undefined };

export type SlotWriterReply =
  | { readonly kind: 'ready'; readonly id: 0; readonly runId: number }
  | { readonly kind: 'done'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly problem?: Problem; readonly message?: string };
