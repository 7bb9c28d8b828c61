// Devices: the whole offline inventory, searched and filtered as the technician types.
import { useEffect, useMemo, useRef } from 'react';
import { SearchBox } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import { countWording, devicesWording } from '../../app/wording.ts';
import { announce } from '../../stores/announcer.ts';
import { useDevicesView } from '../../stores/devices-view.ts';
import { currentTenant, useSession } from '../../stores/session-store.ts';
import { useSettings } from '../../stores/settings-store.ts';
import { useSync } from '../../stores/sync-store.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { columnsFromSettings } from './device-columns.ts';
import { queryView } from './device-filter.ts';
import { DeviceWorkspace } from './DeviceWorkspace.tsx';
import { ExportButton } from './ExportButton.tsx';
import { FilterBar } from './FilterBar.tsx';
import { inventoryRows } from './inventory-rows.ts';
import { useFacets } from './useFacets.ts';
import { useFocusSearchKeys } from './useFocusSearchKeys.ts';
import { useDevicesPageStyles } from './DevicesPage.styles.ts';

/** Result counts are announced once typing pauses, not for every keystroke. */
const ANNOUNCE_AFTER_MS = 600;
const DEFAULT_STALE_DAYS = 30;

// The data version the rows were last read at, across visits to the page.
let rowsReadAt = -1;

export function DevicesPage() {
  const styles = useDevicesPageStyles();
  const settings = useSettings((s) => s.settings);
  const columns = useMemo(() => columnsFromSettings(settings?.deviceColumns), [settings?.deviceColumns]);
  const staleDays = settings?.staleDays ?? DEFAULT_STALE_DAYS;
  const search = useDevicesView((s) => s.search);
  const chips = useDevicesView((s) => s.chips);
  const sort = useDevicesView((s) => s.sort);
  const { setSearch, sortBy } = useDevicesView.getState();
  const dataVersion = useSync((s) => s.dataVersion);
  const tenantLabel = useSession((s) => currentTenant(s.setup)?.label);
  const view = useMemo(() => queryView(search, chips, staleDays, sort), [search, chips, staleDays, sort]);
  const snapshot = useSyncExternalStore(inventoryRows.subscribe, inventoryRows.getSnapshot);
  const facets = useFacets(staleDays, dataVersion, snapshot.total !== undefined || snapshot.problem !== undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  useFocusSearchKeys(searchRef);

  useEffect(() => inventoryRows.setQuery(view), [view]);
  useEffect(() => {
    if (rowsReadAt !== -1 && rowsReadAt !== dataVersion) inventoryRows.refresh();
    rowsReadAt = dataVersion;
  }, [dataVersion]);

  const filtered = view.search !== undefined || view.filter !== undefined;
  // The count describes the rows on screen, so it follows the shown query, not the one just typed.
  const shownFiltered = snapshot.query !== undefined && (snapshot.query.search !== undefined || snapshot.query.filter !== undefined);
  const all = facets.facets?.total;
  const countText =
    snapshot.total === undefined
      ? snapshot.problem === undefined
        ? 'Loading…'
        : ''
      : shownFiltered && all !== undefined
        ? `${countWording(snapshot.total)} of ${devicesWording(all)}`
        : devicesWording(snapshot.total);

  useEffect(() => {
    if (snapshot.total === undefined || snapshot.key === undefined) return undefined;
    const total = snapshot.total;
    const timer = window.setTimeout(() => announce(total === 0 ? 'No devices match.' : `${devicesWording(total)} ${total === 1 ? 'matches' : 'match'}.`), ANNOUNCE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [snapshot.key, snapshot.total]);

  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <h1 id="page-title" className={styles.title}>
          Devices
        </h1>
      </div>
      <div className={styles.toolbar}>
        <SearchBox
          ref={searchRef}
          className={styles.search}
          value={search}
          onChange={(_e, data) => setSearch(data.value)}
          aria-label="Search devices"
          placeholder="Name, user, serial, IMEI or MAC"
          aria-keyshortcuts="Control+F /"
        />
        <span className={styles.count} data-testid="result-count" aria-busy={snapshot.pending || undefined}>
          {countText}
        </span>
        <span className={styles.spacer} />
        <ColumnChooser columns={columns} />
        <ExportButton view={view} columns={columns} tenantLabel={tenantLabel} />
      </div>
      <FilterBar facets={facets} staleDays={staleDays} />
      {facets.problem !== undefined && <ProblemView problem={facets.problem} context="Filter counts are missing" compact onRetry={facets.reload} />}
      {snapshot.problem !== undefined && <ProblemView problem={snapshot.problem} context="Could not read devices" onRetry={() => inventoryRows.refresh()} />}
      <DeviceWorkspace
        label="Devices"
        source={inventoryRows}
        columns={columns}
        sort={sort}
        onSort={sortBy}
        emptyText={filtered ? 'No devices match the search and filters.' : 'The offline inventory is empty: sign in and choose Sync now.'}
      />
    </div>
  );
}
