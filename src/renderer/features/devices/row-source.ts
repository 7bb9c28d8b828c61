// What the device grid reads rows from: the windowed inventory (DeviceWindows) or a list that
// arrived whole (StaticRows).
import type { DeviceRow } from '../../../shared/bridge/api.ts';
import type { WindowSnapshot } from './device-windows.ts';

export interface RowSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): WindowSnapshot;
  rowAt(index: number): DeviceRow | undefined;
  /** The rows on screen, end exclusive: the source fetches what is missing. */
  setVisible(start: number, end: number): void;
}
