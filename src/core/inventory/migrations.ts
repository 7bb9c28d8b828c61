// Numbered schema migrations, recorded in schema_migrations, each applied in its own
// transaction. A migration's SQL is frozen once released: change the schema by adding one.
//
// Devices live in one of two "slots" (devices_a / devices_b and their companions, see
// slots.ts): a full snapshot is staged in the slot that is not live and swapped in at commit.
// Migrations shape the live slot; the staging slot is always copied from it.
import type { DatabaseSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: DatabaseSync) => void;
}

const V1_SCHEMA = `
CREATE TABLE inventory_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  live_slot TEXT NOT NULL CHECK (live_slot IN ('a', 'b')),
  staging_run INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  devices_as_of TEXT,
  device_watermark TEXT
);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'aborted', 'interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  as_of TEXT,
  item_count INTEGER,
  upserted INTEGER,
  removed INTEGER,
  error TEXT
);

CREATE TABLE document_shapes (
  id INTEGER PRIMARY KEY,
  signature TEXT NOT NULL UNIQUE,
  keys TEXT NOT NULL,
  template TEXT NOT NULL
);

CREATE TABLE devices_a (
  row INTEGER PRIMARY KEY,
  "id" TEXT NOT NULL COLLATE NOCASE,
  "deviceName" TEXT COLLATE NOCASE,
  "userPrincipalName" TEXT COLLATE NOCASE,
  "userDisplayName" TEXT COLLATE NOCASE,
  "emailAddress" TEXT COLLATE NOCASE,
  "userId" TEXT COLLATE NOCASE,
  "operatingSystem" TEXT COLLATE NOCASE,
  "osVersion" TEXT COLLATE NOCASE,
  "complianceState" TEXT COLLATE NOCASE,
  "managedDeviceOwnerType" TEXT COLLATE NOCASE,
  "managementState" TEXT COLLATE NOCASE,
  "managementAgent" TEXT COLLATE NOCASE,
  "deviceEnrollmentType" TEXT COLLATE NOCASE,
  "joinType" TEXT COLLATE NOCASE,
  "lastSyncDateTime" INTEGER,
  "enrolledDateTime" INTEGER,
  "model" TEXT COLLATE NOCASE,
  "manufacturer" TEXT COLLATE NOCASE,
  "serialNumber" TEXT COLLATE NOCASE,
  "imei" TEXT COLLATE NOCASE,
  "wiFiMacAddress" TEXT COLLATE NOCASE,
  "ethernetMacAddress" TEXT COLLATE NOCASE,
  "deviceCategoryDisplayName" TEXT COLLATE NOCASE,
  "isEncrypted" INTEGER,
  "isSupervised" INTEGER,
  "jailBroken" TEXT COLLATE NOCASE,
  "azureADDeviceId" TEXT COLLATE NOCASE,
  "freeStorageSpaceInBytes" INTEGER,
  "totalStorageSpaceInBytes" INTEGER
);
CREATE UNIQUE INDEX devices_id_a ON devices_a("id");
CREATE INDEX devices_name_a ON devices_a("deviceName", "id");
CREATE INDEX devices_last_sync_a ON devices_a("lastSyncDateTime", "id");
CREATE INDEX devices_facets_a ON devices_a("operatingSystem", "complianceState", "managedDeviceOwnerType", "lastSyncDateTime");
CREATE INDEX devices_model_a ON devices_a("model");

CREATE TABLE device_models_a (
  id INTEGER PRIMARY KEY,
  model TEXT NOT NULL UNIQUE
);

CREATE TABLE device_documents_a (
  row INTEGER PRIMARY KEY,
  shape INTEGER NOT NULL,
  body TEXT NOT NULL
);

CREATE VIRTUAL TABLE device_search_a USING fts5(
  name, upn, serial, imei, wifi, ethernet, model, content='', columnsize=0, tokenize='trigram'
);

CREATE TABLE users (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE INDEX users_display_name ON users(display_name, id);
CREATE TABLE mobile_apps (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE TABLE device_configurations (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE TABLE compliance_policies (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE TABLE role_definitions (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE TABLE role_assignments (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE TABLE service_configuration (
  id TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT COLLATE NOCASE,
  detail TEXT COLLATE NOCASE,
  odata_type TEXT,
  json TEXT NOT NULL
);
CREATE TABLE entity_sets (
  entity TEXT PRIMARY KEY,
  as_of TEXT NOT NULL
);

INSERT INTO inventory_state(id, live_slot) VALUES (1, 'a');
`;

/**
 * Search moved to the devices' lines in memory (device-search.ts): the trigram index, the
 * model list and the index on model (which turned a model's entry into its devices) go, and
 * "this user's devices" gets an index on the UPN, which the trigram index used to answer. Both
 * slots, whichever exists (a staging slot left by a killed snapshot too); a slot made later
 * copies the live one's indexes.
 */
function searchInMemory(db: DatabaseSync): void {
  for (const slot of ['a', 'b']) {
    db.exec(`DROP TABLE IF EXISTS device_search_${slot}`);
    db.exec(`DROP TABLE IF EXISTS device_models_${slot}`);
    db.exec(`DROP INDEX IF EXISTS devices_model_${slot}`);
    const exists = db.prepare("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = ?").get(`devices_${slot}`);
    if (exists) db.exec(`CREATE INDEX IF NOT EXISTS devices_upn_${slot} ON devices_${slot}("userPrincipalName")`);
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'devices in two slots with search, other Intune entities, sync runs',
    up: (db) => db.exec(V1_SCHEMA),
  },
  {
    version: 2,
    description: 'search from the devices\' lines in memory: no trigram index; an index on the UPN',
    up: searchInMemory,
  },
];

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** The version recorded in the file, 0 for a database with no migrations table yet. */
export function schemaVersion(db: DatabaseSync): number {
  const table = db.prepare(`SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | bigint | null };
  return Number(row.version ?? 0);
}

/**
 * Brings the file up to the newest schema this code knows. A file written by a newer version
 * of the app is refused, never downgraded: its data would not survive our older code.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS, now: () => number = Date.now): number {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3…; found ${m.version} at position ${i + 1}`);
  });
  const known = latestVersion(ordered);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  refuseNewer(schemaVersion(db), known);
  for (const migration of ordered) {
    // BEGIN IMMEDIATE takes the write lock first, so two processes opening the same file
    // cannot both apply a migration: the second sees it recorded and skips it.
    db.exec('BEGIN IMMEDIATE');
    try {
      const current = schemaVersion(db);
      refuseNewer(current, known);
      if (current < migration.version) {
        migration.up(db);
        db.prepare('INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.description, new Date(now()).toISOString());
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return schemaVersion(db);
}

/** The file belongs to a newer Intune Desk; it was left exactly as it was. */
export class NewerInventoryError extends ProblemError {
  readonly foundVersion: number;
  readonly knownVersion: number;
  constructor(found: number, known: number) {
    super({
      code: 'badRequest',
      message: `This offline inventory was written by a newer version of Intune Desk (schema ${found}; this version knows up to ${known}). Update Intune Desk to open it, or sign out of the tenant to remove the local copy. Nothing was changed.`,
    });
    this.name = 'NewerInventoryError';
    this.foundVersion = found;
    this.knownVersion = known;
  }
}

function refuseNewer(found: number, known: number): void {
  if (found > known) throw new NewerInventoryError(found, known);
}
