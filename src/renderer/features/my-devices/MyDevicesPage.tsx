// My devices: the signed-in technician's own devices (devices.mine: live from Graph when online,
// else the offline inventory by UPN), in the same grid and panel as Devices.
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useSyncExternalStore } from 'react';
import type { DeviceSort } from '../../../shared/bridge/api.ts';
import { call } from '../../bridge/bridge.ts';
import { useNow } from '../../app/useNow.ts';
import { asOfWording, devicesWording } from '../../app/wording.ts';
import { useSettings } from '../../stores/settings-store.ts';
import { useSync } from '../../stores/sync-store.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { columnsFromSettings } from '../devices/device-columns.ts';
import type { DeviceColumn } from '../devices/device-columns.ts';
import { nextSort } from '../devices/device-filter.ts';
import { DeviceWorkspace } from '../devices/DeviceWorkspace.tsx';
import { StaticRows } from '../devices/static-rows.ts';
import { useDevicesPageStyles } from '../devices/DevicesPage.styles.ts';
import type { DeviceWindow } from '../../../shared/bridge/api.ts';

export function MyDevicesPage() {
  const styles = useDevicesPageStyles();
  const settings = useSettings((s) => s.settings);
  const columns = useMemo(() => columnsFromSettings(settings?.deviceColumns), [settings?.deviceColumns]);
  const dataVersion = useSync((s) => s.dataVersion);
  const [source] = useState(() => new StaticRows());
  const [sort, setSort] = useState<DeviceSort>({ column: 'deviceName', direction: 'asc' });
  const [loaded, setLoaded] = useState<DeviceWindow | undefined>();
  const [attempt, setAttempt] = useState(0);
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const now = useNow();

  useEffect(() => {
    let current = true;
    void call((api) => api.devices.mine({})).then((result) => {
      if (!current) return;
      if (result.ok) setLoaded(result.value);
      else source.fail(result.problem);
    });
    return () => {
      current = false;
    };
  }, [source, dataVersion, attempt]);

  useEffect(() => {
    if (loaded !== undefined) source.show(loaded, sort);
  }, [source, loaded, sort]);

  const onSort = (column: DeviceColumn): void => setSort((s) => nextSort(s, column));
  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <h1 id="page-title" className={styles.title}>
          My devices
        </h1>
        <span className={styles.count} data-testid="result-count">
          {snapshot.total === undefined ? 'Loading…' : devicesWording(snapshot.total)}
          {loaded?.asOf !== undefined && ` · ${asOfWording(loaded.asOf, now)}`}
        </span>
        <span className={styles.spacer} />
        <Button icon={<ArrowClockwiseRegular />} onClick={() => setAttempt((n) => n + 1)}>
          Refresh
        </Button>
      </div>
      {snapshot.problem !== undefined && <ProblemView problem={snapshot.problem} context="Could not read your devices" onRetry={() => setAttempt((n) => n + 1)} />}
      <DeviceWorkspace label="My devices" source={source} columns={columns} sort={sort} onSort={onSort} emptyText="No device has you as its primary user." />
    </div>
  );
}
