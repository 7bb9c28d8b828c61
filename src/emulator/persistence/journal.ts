// Writes to the demo tenant, kept as an append-only journal in the data folder and replayed
// over the (deterministic) generated data at start. Regenerating plus replaying is far faster
// than storing 100,000 devices, and the journal is readable when someone asks "what changed?".
import { appendFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityRecord } from '../graph/model/entity.ts';
import type { JsonObject, MutableJsonObject } from '../graph/model/json.ts';
import { isJsonObject } from '../graph/model/json.ts';

export type JournalEntry =
  | { readonly op: 'put'; readonly tenantId: string; readonly location: readonly string[]; readonly record: StoredRecord }
  | { readonly op: 'delete'; readonly tenantId: string; readonly location: readonly string[]; readonly id: string }
  | { readonly op: 'putSingle'; readonly tenantId: string; readonly location: readonly string[]; readonly record: StoredRecord };

export interface StoredRecord {
  readonly type: string;
  readonly props: JsonObject;
  readonly links: Readonly<Record<string, readonly string[]>>;
}

export function toStored(record: EntityRecord): StoredRecord {
  return { type: record.type, props: record.props, links: Object.fromEntries(record.links) };
}

export interface Journal {
  record(entry: JournalEntry): void;
}

/** A journal that keeps nothing: the tenant lives only as long as the process. */
export const noJournal: Journal = { record: () => undefined };

/** The journal's file name in the data folder. */
export const JOURNAL_FILE = 'journal.jsonl';

export class FileJournal implements Journal {
  private readonly path: string;
  constructor(folder: string) {
    this.path = join(folder, JOURNAL_FILE);
  }

  record(entry: JournalEntry): void {
    // Synchronous append: a write the client saw succeed is on disk before the response leaves.
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  /**
   * Reads every entry. A torn last line (the process was killed mid-write) is dropped quietly;
   * damage anywhere else keeps the readable prefix, moves the file aside, and says so.
   */
  read(warn: (message: string) => void): JournalEntry[] {
    if (!existsSync(this.path)) return [];
    const lines = readFileSync(this.path, 'utf8').split('\n');
    const entries: JournalEntry[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '') continue;
      const entry = parseEntry(line);
      if (entry) {
        entries.push(entry);
        continue;
      }
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (isLast) {
        warn(`Ignored an incomplete last write in ${this.path} (the demo tenant was stopped mid-write).`);
      } else {
        const aside = `${this.path}.damaged-${Date.now()}`;
        renameSync(this.path, aside);
        warn(`The write journal ${this.path} is damaged at line ${i + 1}; kept the ${entries.length} writes before it and moved the file to ${aside}.`);
        for (const e of entries) this.record(e);
      }
      break;
    }
    return entries;
  }
}

function parseEntry(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isJsonObject(value)) return undefined;
  const { op, tenantId, location } = value;
  if (typeof tenantId !== 'string' || !Array.isArray(location) || !location.every((s) => typeof s === 'string')) return undefined;
  if (op === 'delete') return typeof value['id'] === 'string' ? (value as unknown as JournalEntry) : undefined;
  if (op === 'put' || op === 'putSingle') return isStoredRecord(value['record']) ? (value as unknown as JournalEntry) : undefined;
  return undefined;
}

function isStoredRecord(value: unknown): value is StoredRecord {
  return isJsonObject(value) && typeof value['type'] === 'string' && isJsonObject(value['props']) && isJsonObject(value['links']);
}

export function cloneProps(props: JsonObject): MutableJsonObject {
  return structuredClone(props) as MutableJsonObject;
}
