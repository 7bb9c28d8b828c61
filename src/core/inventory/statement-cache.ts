// Prepared statements kept per SQL text. Queries are built from the grid's sort, filters and
// search, so their texts repeat as a technician scrolls and types; preparing each again costs
// more than running it. The least recently used goes when the cache is full.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export class StatementCache {
  private readonly db: DatabaseSync;
  private readonly limit: number;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, limit: number) {
    this.db = db;
    this.limit = limit;
  }

  get(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement) {
      // Moved to the end: the Map's order is the order of use.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= this.limit) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  clear(): void {
    this.statements.clear();
  }
}
