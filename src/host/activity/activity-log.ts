// What happened, for the technician and for support: syncs, sign-ins, exports, remote actions
// and problems, newest first. Kept in memory for the window and appended to activity.jsonl in
// the data folder (one JSON object per line), so it survives a restart. Entries carry words and
// Problems, never a token: summaries and messages pass through the token guard on the way in.
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ActivityEntry, Problem } from '../../shared/bridge/api.ts';
import { withoutJwts } from '../bridge/token-guard.ts';

const KEPT_IN_MEMORY = 500;
/** The file is cut back to its last KEPT_ON_DISK entries when it grows past this. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const KEPT_ON_DISK = 2000;
const MAX_SUMMARY = 500;

export type ActivityKind = ActivityEntry['kind'];

export interface ActivityLogOptions {
  readonly path: string;
  readonly now?: () => number;
  /** Where a failure to write the file goes (the log goes on in memory). */
  readonly warn?: (message: string) => void;
}

export class ActivityLog {
  private readonly path: string;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private readonly entries: ActivityEntry[] = [];
  private sequence = 0;
  private listeners = new Set<(entry: ActivityEntry) => void>();

  constructor(options: ActivityLogOptions) {
    this.path = options.path;
    this.now = options.now ?? Date.now;
    this.warn = options.warn ?? (() => undefined);
    this.entries.push(...readTail(this.path, KEPT_IN_MEMORY));
  }

  record(kind: ActivityKind, profileId: string, summary: string, problem?: Problem): ActivityEntry {
    const at = new Date(this.now()).toISOString();
    const entry: ActivityEntry = {
      id: `${at}-${(this.sequence++).toString(36)}`,
      at,
      kind,
      profileId,
      summary: withoutJwts(summary).slice(0, MAX_SUMMARY),
      ...(problem ? { problem: cleanProblem(problem) } : {}),
    };
    this.entries.push(entry);
    if (this.entries.length > KEPT_IN_MEMORY) this.entries.splice(0, this.entries.length - KEPT_IN_MEMORY);
    this.append(entry);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Newest first. */
  list(limit = 100): readonly ActivityEntry[] {
    return this.entries.slice(-limit).reverse();
  }

  onEntry(listener: (entry: ActivityEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private append(entry: ActivityEntry): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      if (statSync(this.path).size > MAX_FILE_BYTES) this.trim();
    } catch (error) {
      this.warn(`The activity log ${this.path} could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private trim(): void {
    const kept = readTail(this.path, KEPT_ON_DISK);
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, kept.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}

/** The Problem's own fields only, its message without tokens. */
function cleanProblem(problem: Problem): Problem {
  const { code, message, requestId, requiredScopes, requiredRole, retryAfterSeconds, asOf, checks, clientRequestId, httpStatus, clearsAt, outcomeUnknown } = problem;
  const optional = { requestId, requiredScopes, requiredRole, retryAfterSeconds, asOf, checks, clientRequestId, httpStatus, clearsAt, outcomeUnknown };
  return { code, message: withoutJwts(message), ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) };
}

/** The last `count` readable entries of the file; a torn or foreign line is skipped, never fatal. */
function readTail(path: string, count: number): ActivityEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const entries: ActivityEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<ActivityEntry>;
      if (typeof value.id === 'string' && typeof value.at === 'string' && typeof value.kind === 'string' && typeof value.profileId === 'string' && typeof value.summary === 'string') {
        entries.push(value as ActivityEntry);
      }
    } catch {
      // A line cut short by a crash: the rest of the log stands.
    }
  }
  return entries.slice(-count);
}
