// The grid with the device panel beside it (a split pane, so the list stays in view). Enter or a
// click opens a device; Escape or the close button shuts the panel and returns to the row.
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { Spinner } from '@fluentui/react-components';
import type { DeviceRow, DeviceSort } from '../../../shared/bridge/api.ts';
import { DeviceGrid } from './DeviceGrid.tsx';
import type { DeviceGridHandle } from './DeviceGrid.tsx';
import type { DeviceColumn } from './device-columns.ts';
import type { RowSource } from './row-source.ts';
import { useWorkspaceStyles } from './DeviceWorkspace.styles.ts';

const DevicePanel = lazy(() => import('../device-panel/DevicePanel.tsx').then((m) => ({ default: m.DevicePanel })));

export interface DeviceWorkspaceProps {
  readonly label: string;
  readonly source: RowSource;
  readonly columns: readonly DeviceColumn[];
  readonly sort: DeviceSort;
  readonly onSort: (column: DeviceColumn) => void;
  readonly emptyText: string;
}

export function DeviceWorkspace({ label, source, columns, sort, onSort, emptyText }: DeviceWorkspaceProps) {
  const styles = useWorkspaceStyles();
  const [open, setOpen] = useState<DeviceRow | undefined>();
  const grid = useRef<DeviceGridHandle>(null);
  const close = useCallback(() => {
    setOpen(undefined);
    grid.current?.focusActiveRow();
  }, []);
  const onOpen = useCallback((row: DeviceRow) => setOpen(row), []);
  return (
    <div className={styles.root}>
      <div className={styles.gridColumn}>
        <DeviceGrid ref={grid} label={label} source={source} columns={columns} sort={sort} onSort={onSort} onOpen={onOpen} onEscape={open === undefined ? undefined : close} openId={open?.id} emptyText={emptyText} />
      </div>
      {open !== undefined && (
        <Suspense fallback={<Spinner label="Opening the device…" />}>
          <DevicePanel key={open.id} row={open} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
