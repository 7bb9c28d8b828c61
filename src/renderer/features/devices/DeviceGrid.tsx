// The device grid: a virtualized ARIA grid over any number of rows (only the ~30 on screen and
// a few either side are in the DOM), sortable headers, arrow keys to move between devices and
// Enter or a click to open one. Rows come from a RowSource, which fetches what is on screen.
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KeyboardEvent } from 'react';
import { mergeClasses } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DeviceRow, DeviceSort } from '../../../shared/bridge/api.ts';
import { useNow } from '../../app/useNow.ts';
import { cellText, COLUMN_INFO, columnLabel } from './device-columns.ts';
import type { DeviceColumn } from './device-columns.ts';
import { nextActiveRow } from './grid-keys.ts';
import type { RowSource } from './row-source.ts';
import { HEADER_HEIGHT, ROW_HEIGHT, useDeviceGridStyles } from './DeviceGrid.styles.ts';

export interface DeviceGridProps {
  /** The grid's accessible name: "Devices", "My devices". */
  readonly label: string;
  readonly source: RowSource;
  readonly columns: readonly DeviceColumn[];
  readonly sort: DeviceSort;
  readonly onSort: (column: DeviceColumn) => void;
  readonly onOpen: (row: DeviceRow) => void;
  /** Escape in the grid (closes the device panel). */
  readonly onEscape?: () => void;
  readonly openId: string | undefined;
  /** What an empty result says ("No devices match …"). */
  readonly emptyText: string;
}

export interface DeviceGridHandle {
  /** Puts focus back on the active row (after the panel closes). */
  focusActiveRow(): void;
}

export const DeviceGrid = memo(
  forwardRef<DeviceGridHandle, DeviceGridProps>(function DeviceGrid({ label, source, columns, sort, onSort, onOpen, onEscape, openId, emptyText }, ref) {
    const styles = useDeviceGridStyles();
    const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
    const total = snapshot.total ?? 0;
    const scrollRef = useRef<HTMLDivElement>(null);
    const [active, setActive] = useState(0);
    const focusPending = useRef(false);
    const now = useNow(60_000);

    const virtualizer = useVirtualizer({
      count: total,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => ROW_HEIGHT,
      overscan: 6,
      // The sticky header sits above the rows inside the same scroller.
      scrollMargin: HEADER_HEIGHT,
      scrollPaddingStart: HEADER_HEIGHT,
    });
    const items = virtualizer.getVirtualItems();
    const first = items[0]?.index ?? 0;
    const last = items.at(-1)?.index ?? 0;

    useEffect(() => {
      source.setVisible(first, last + 1);
    }, [source, first, last, snapshot.key]);

    // A new query shows from the top.
    useEffect(() => {
      scrollRef.current?.scrollTo({ top: 0 });
      setActive(0);
    }, [snapshot.key]);

    const activeRow = Math.min(active, Math.max(0, total - 1));
    const activeRendered = items.some((i) => i.index === activeRow);

    const focusRow = useCallback((index: number) => {
      setActive(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const rendered = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
      if (rendered) rendered.focus({ preventScroll: true });
      else focusPending.current = true;
    }, [virtualizer]);

    useImperativeHandle(ref, () => ({ focusActiveRow: () => focusRow(activeRow) }), [focusRow, activeRow]);

    // Focus follows the active row once it is rendered (after a scroll it arrives a frame later).
    useLayoutEffect(() => {
      if (!focusPending.current) return;
      const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeRow}"]`);
      if (element) {
        focusPending.current = false;
        element.focus({ preventScroll: true });
      }
    });

    // The grid is one Tab stop (the active row); its sort buttons are reached with the arrow
    // keys: Up from the first row, Left and Right between columns, Down back to the rows.
    const headerButtons = (): HTMLButtonElement[] => [...(scrollRef.current?.querySelectorAll<HTMLButtonElement>('[role="columnheader"] button') ?? [])];
    const focusHeader = (index: number): void => {
      const buttons = headerButtons();
      buttons[Math.min(buttons.length - 1, Math.max(0, index))]?.focus();
    };
    const onHeaderKeyDown = (event: KeyboardEvent<HTMLDivElement>, button: HTMLButtonElement): void => {
      const at = headerButtons().indexOf(button);
      const moves: Readonly<Record<string, number>> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: columns.length - 1 };
      const target = moves[event.key];
      if (target !== undefined) {
        event.preventDefault();
        focusHeader(target);
      } else if (event.key === 'ArrowDown' && total > 0) {
        event.preventDefault();
        focusRow(activeRow);
      }
    };

    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
      if (event.key === 'Escape' && onEscape !== undefined) {
        onEscape();
        return;
      }
      const header = event.target instanceof HTMLButtonElement && event.target.closest('[role="columnheader"]') !== null ? event.target : undefined;
      if (header !== undefined) {
        onHeaderKeyDown(event, header);
        return;
      }
      if (event.key === 'ArrowUp' && activeRow === 0) {
        event.preventDefault();
        focusHeader(Math.max(0, columns.indexOf(sort.column as DeviceColumn)));
        return;
      }
      if (event.key === 'Enter' || event.key === ' ') {
        const row = source.rowAt(activeRow);
        if (row !== undefined) {
          event.preventDefault();
          onOpen(row);
        }
        return;
      }
      const rowsPerPage = Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1;
      const next = nextActiveRow(event.key, activeRow, total, rowsPerPage);
      if (next === undefined) return;
      event.preventDefault();
      focusRow(next);
    };

    const template = columns.map((c) => `${COLUMN_INFO[c].width}px`).join(' ');
    const width = columns.reduce((sum, c) => sum + COLUMN_INFO[c].width, 0);
    const onRowClick = useCallback((index: number, row: DeviceRow | undefined) => {
      setActive(index);
      if (row !== undefined) onOpen(row);
    }, [onOpen]);

    return (
      <div
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-rowcount={snapshot.total === undefined ? undefined : total + 1}
        aria-colcount={columns.length}
        aria-busy={snapshot.pending || undefined}
        className={styles.scroller}
        // Reachable by Tab when the active row is scrolled out of the DOM; focus then moves to it.
        tabIndex={activeRendered ? -1 : 0}
        onFocus={(e) => {
          if (e.target === e.currentTarget && total > 0) focusRow(activeRow);
        }}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className={styles.header}>
          <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.headerRow)} style={{ gridTemplateColumns: template, width: `max(100%, ${width}px)` }}>
            {columns.map((column) => (
              <HeaderCell key={column} column={column} sort={sort} onSort={onSort} />
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: `${virtualizer.getTotalSize() - HEADER_HEIGHT}px`, position: 'relative', width: `max(100%, ${width}px)` }}>
          {items.map((item) => (
            <Row
              key={item.index}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              row={source.rowAt(item.index)}
              columns={columns}
              template={template}
              width={width}
              active={item.index === activeRow}
              open={openId !== undefined && source.rowAt(item.index)?.id === openId}
              now={now}
              onClick={onRowClick}
            />
          ))}
        </div>
        {snapshot.total === 0 && <p className={styles.empty}>{emptyText}</p>}
      </div>
    );
  }),
);

function HeaderCell({ column, sort, onSort }: { readonly column: DeviceColumn; readonly sort: DeviceSort; readonly onSort: (c: DeviceColumn) => void }) {
  const styles = useDeviceGridStyles();
  const sorted = sort.column === column;
  const ascending = (sort.direction ?? 'asc') === 'asc';
  return (
    <div role="columnheader" aria-sort={sorted ? (ascending ? 'ascending' : 'descending') : undefined} className={mergeClasses(styles.cell, styles.headerCell)}>
      <button type="button" tabIndex={-1} className={styles.sortButton} onClick={() => onSort(column)} title={`Sort by ${columnLabel(column)}`}>
        {columnLabel(column)}
        {sorted && (ascending ? <ArrowSortUpRegular aria-hidden className={styles.sortIcon} /> : <ArrowSortDownRegular aria-hidden className={styles.sortIcon} />)}
      </button>
    </div>
  );
}

interface RowProps {
  readonly index: number;
  readonly top: number;
  readonly row: DeviceRow | undefined;
  readonly columns: readonly DeviceColumn[];
  readonly template: string;
  readonly width: number;
  readonly active: boolean;
  readonly open: boolean;
  readonly now: number;
  readonly onClick: (index: number, row: DeviceRow | undefined) => void;
}

const Row = memo(
  function Row({ index, top, row, columns, template, width, active, open, now, onClick }: RowProps) {
    const styles = useDeviceGridStyles();
    return (
      <div
        role="row"
        data-index={index}
        aria-rowindex={index + 2}
        aria-selected={open || undefined}
        tabIndex={active ? 0 : -1}
        className={mergeClasses(styles.row, styles.bodyRow, open && styles.open)}
        style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template, width: `max(100%, ${width}px)` }}
        onClick={() => onClick(index, row)}
      >
        {row === undefined ? (
          <>
            <div role="gridcell" className={mergeClasses(styles.cell, styles.loadingCell)}>
              Loading…
            </div>
            {columns.slice(1).map((c) => (
              <div key={c} role="gridcell" className={styles.cell} />
            ))}
          </>
        ) : (
          columns.map((c) => {
            const text = cellText(c, row, now);
            return (
              <div key={c} role="gridcell" className={styles.cell} title={text}>
                {text}
              </div>
            );
          })
        )}
      </div>
    );
  },
  // A row re-renders only when its own data, place or state changes: new results re-render the
  // ~40 rows on screen, scrolling renders only the rows that arrive.
  (a, b) =>
    a.row === b.row && a.index === b.index && a.top === b.top && a.active === b.active && a.open === b.open && a.columns === b.columns && a.now === b.now && a.onClick === b.onClick && a.template === b.template,
);
