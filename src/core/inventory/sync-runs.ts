// The history of syncs into the inventory: what ran, when, as of when, and how it ended.
import type { DatabaseSync } from 'node:sqlite';

export type SyncKind = 'full' | 'incremental';
export type SyncStatus = 'running' | 'succeeded' | 'failed' | 'aborted' | 'interrupted';

export interface SyncRun {
  readonly id: number;
  /** 'devices', or an entity kind ('users', 'mobileApps', …). */
  readonly entity: string;
  readonly kind: SyncKind;
  readonly status: SyncStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The moment the data describes (ISO 8601): when the sync started reading. */
  readonly asOf: string | null;
  readonly itemCount: number | null;
  readonly upserted: number | null;
  readonly removed: number | null;
  readonly error: string | null;
}

/** What the sync engine reports about an incremental run it made through upserts and removals. */
export interface IncrementalRunRecord {
  readonly entity?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly asOf: string;
  readonly upserted: number;
  readonly removed: number;
  readonly status: 'succeeded' | 'failed' | 'aborted';
  readonly error?: string;
}

interface StoredRun {
  id: number;
  entity: string;
  kind: SyncKind;
  status: SyncStatus;
  started_at: string;
  finished_at: string | null;
  as_of: string | null;
  item_count: number | null;
  upserted: number | null;
  removed: number | null;
  error: string | null;
}

export function startRun(db: DatabaseSync, entity: string, kind: SyncKind, startedAt: string): number {
  const result = db.prepare(`INSERT INTO sync_runs(entity, kind, status, started_at) VALUES (?, ?, 'running', ?)`).run(entity, kind, startedAt);
  return Number(result.lastInsertRowid);
}

export function finishRun(db: DatabaseSync, id: number, outcome: { status: Exclude<SyncStatus, 'running'>; finishedAt: string; asOf?: string; itemCount?: number; upserted?: number; removed?: number; error?: string }): void {
  db.prepare(`UPDATE sync_runs SET status = ?, finished_at = ?, as_of = coalesce(?, as_of), item_count = coalesce(?, item_count), upserted = coalesce(?, upserted), removed = coalesce(?, removed), error = ? WHERE id = ?`).run(
    outcome.status, outcome.finishedAt, outcome.asOf ?? null, outcome.itemCount ?? null, outcome.upserted ?? null, outcome.removed ?? null, outcome.error ?? null, id,
  );
}

/** Runs still marked running that no process is doing any more (their process was killed). */
export function markInterrupted(db: DatabaseSync, entity: string, kind: SyncKind, finishedAt: string): void {
  db.prepare(`UPDATE sync_runs SET status = 'interrupted', finished_at = ?, error = 'The sync stopped before it finished (the app or the computer stopped); the previous data was kept.' WHERE entity = ? AND kind = ? AND status = 'running'`).run(finishedAt, entity, kind);
}

export function recordRun(db: DatabaseSync, entity: string, kind: SyncKind, run: Omit<SyncRun, 'id' | 'entity' | 'kind'>): number {
  const result = db.prepare(`INSERT INTO sync_runs(entity, kind, status, started_at, finished_at, as_of, item_count, upserted, removed, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    entity, kind, run.status, run.startedAt, run.finishedAt, run.asOf, run.itemCount, run.upserted, run.removed, run.error,
  );
  return Number(result.lastInsertRowid);
}

export function listRuns(db: DatabaseSync, limit: number, entity?: string): readonly SyncRun[] {
  const rows = (entity === undefined
    ? db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit)
    : db.prepare('SELECT * FROM sync_runs WHERE entity = ? ORDER BY id DESC LIMIT ?').all(entity, limit)) as unknown as StoredRun[];
  return rows.map((r) => ({
    id: Number(r.id),
    entity: r.entity,
    kind: r.kind,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    asOf: r.as_of,
    itemCount: r.item_count === null ? null : Number(r.item_count),
    upserted: r.upserted === null ? null : Number(r.upserted),
    removed: r.removed === null ? null : Number(r.removed),
    error: r.error,
  }));
}
