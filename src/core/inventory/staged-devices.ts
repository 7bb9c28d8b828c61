// A page of devices made ready for the staging slot: checked, given their row numbers, and
// encoded against the document shapes. Plain data (arrays of strings and numbers), so it can be
// written by this thread or handed to the slot writer's worker thread as it is.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { SQLInputValue } from 'node:sqlite';
import { checkDevices } from './device-batch.ts';
import type { DocumentShapes } from './device-documents.ts';

export interface StagedDevices {
  /** Each device's row in the slot. */
  readonly rows: number[];
  /** Whether the device was already staged (it arrived in two overlapping partitions): its row is replaced. */
  readonly repeated: boolean[];
  /** The projected columns, in DEVICE_COLUMNS order. */
  readonly values: SQLInputValue[][];
  readonly shapes: number[];
  readonly bodies: string[];
}

/**
 * The rows of one snapshot being staged: which device has which row (so a device sent twice is
 * stored once), and the newest check-in seen (the next incremental run's watermark).
 */
export class SnapshotRows {
  private readonly rows = new Map<string, number>();
  private nextRow = 1;
  private newestSync: number | undefined;

  get count(): number {
    return this.rows.size;
  }

  /** Newest lastSyncDateTime staged, epoch ms. */
  get watermark(): number | undefined {
    return this.newestSync;
  }

  /**
   * Checks, numbers and encodes a page (a bad device refuses the whole page, and nothing is
   * numbered). Returns the page and an undo for when it could not be written.
   */
  stage(devices: readonly ManagedDevice[], shapes: DocumentShapes): { readonly staged: StagedDevices; readonly undo: () => void } {
    const checked = checkDevices(devices);
    const bodies = shapes.encodeAll(devices);
    const firstNewRow = this.nextRow;
    const previousNewest = this.newestSync;
    const added: string[] = [];
    const staged: StagedDevices = { rows: [], repeated: [], values: [], shapes: [], bodies: [] };
    for (let i = 0; i < checked.length; i++) {
      const { projected } = checked[i] as (typeof checked)[number];
      const key = projected.id.toLowerCase();
      let row = this.rows.get(key);
      staged.repeated.push(row !== undefined);
      if (row === undefined) {
        row = this.nextRow++;
        this.rows.set(key, row);
        added.push(key);
      }
      const doc = bodies[i] as (typeof bodies)[number];
      staged.rows.push(row);
      staged.values.push(projected.values);
      staged.shapes.push(doc.shape);
      staged.bodies.push(doc.body);
      if (projected.lastSyncMs !== null && (this.newestSync === undefined || projected.lastSyncMs > this.newestSync)) this.newestSync = projected.lastSyncMs;
    }
    const undo = (): void => {
      for (const key of added) this.rows.delete(key);
      this.nextRow = firstNewRow;
      this.newestSync = previousNewest;
    };
    return { staged, undo };
  }
}
