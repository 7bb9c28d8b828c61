// Applies journaled writes over a freshly generated tenant, in the order they happened.
import type { EntityCollection} from '../graph/model/entity.ts';
import { entityRecord } from '../graph/model/entity.ts';
import type { TenantGraph } from '../graph/model/tenant-graph.ts';
import { resolvePath } from '../graph/routing/resolve.ts';
import type { JournalEntry, StoredRecord } from './journal.ts';
import { cloneProps } from './journal.ts';

export function replayJournal(graph: TenantGraph, entries: readonly JournalEntry[], warn: (message: string) => void): number {
  let applied = 0;
  for (const entry of entries) {
    if (entry.tenantId !== graph.tenantId) continue;
    const resolved = resolvePath(graph, 'beta', entry.location);
    if ('failed' in resolved) {
      warn(`Skipped a saved write to /${entry.location.join('/')}: ${resolved.message}`);
      continue;
    }
    const target = resolved.target;
    if (entry.op === 'putSingle') {
      if (target.kind !== 'entity' && target.kind !== 'singleton') continue;
      Object.assign(target.record.props, cloneProps(entry.record.props));
      applied++;
      continue;
    }
    if (target.kind !== 'collection') continue;
    if (entry.op === 'delete') {
      target.collection.remove(entry.id);
    } else {
      const existing = target.collection.get(String(entry.record.props['id'] ?? ''));
      const record = restore(entry.record, existing?.nav);
      target.collection.put(record);
    }
    applied++;
  }
  return applied;
}

function restore(stored: StoredRecord, keepNav: Map<string, EntityCollection | ReturnType<typeof entityRecord>> | undefined): ReturnType<typeof entityRecord> {
  const record = entityRecord(stored.type, cloneProps(stored.props));
  for (const [name, ids] of Object.entries(stored.links)) record.links.set(name, [...ids]);
  // Contained children are journaled on their own; keep the ones the record already had.
  if (keepNav) for (const [name, child] of keepNav) record.nav.set(name, child);
  return record;
}
