// A page of devices made ready for the staging slot: checked, projected and encoded against the
// document shapes, before the page's transaction begins, so writer threads can do this side by
// side and take turns only for the inserts (slot-writer.ts).
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { SQLInputValue } from 'node:sqlite';
import { checkDevices } from './device-batch.ts';
import type { DocumentShapes } from './device-documents.ts';

export interface PreparedDevices {
  /** The projected columns of each device, in DEVICE_COLUMNS order. */
  readonly values: readonly (readonly SQLInputValue[])[];
  readonly shapes: readonly number[];
  readonly bodies: readonly string[];
  /** Newest lastSyncDateTime in the page, epoch ms: the next incremental run's watermark. */
  readonly newestSyncMs: number | undefined;
}

/**
 * Checks and encodes a page; a bad device refuses the whole page (a malformedResponse Problem).
 * A new document shape is stored at once, outside any page: shapes are only ever added, and one
 * left by a page that was not written does no harm.
 */
export function prepareDevices(devices: readonly ManagedDevice[], shapes: DocumentShapes): PreparedDevices {
  const checked = checkDevices(devices);
  const documents = shapes.encodeAll(devices);
  const values: SQLInputValue[][] = new Array<SQLInputValue[]>(checked.length);
  const shapeIds: number[] = new Array<number>(checked.length);
  const bodies: string[] = new Array<string>(checked.length);
  let newest: number | undefined;
  for (let i = 0; i < checked.length; i++) {
    const { projected } = checked[i] as (typeof checked)[number];
    const doc = documents[i] as (typeof documents)[number];
    values[i] = projected.values;
    shapeIds[i] = doc.shape;
    bodies[i] = doc.body;
    if (projected.lastSyncMs !== null && (newest === undefined || projected.lastSyncMs > newest)) newest = projected.lastSyncMs;
  }
  return { values, shapes: shapeIds, bodies, newestSyncMs: newest };
}

/** The newer of two instants, either possibly unknown. */
export function newerOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
