// The device panel: everything about one device, each section read live from Intune when it can
// be and from the offline inventory when not, and saying which.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, InlineDrawer, Spinner } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { BridgeResult, DeviceDetail, DeviceRow } from '../../../shared/bridge/api.ts';
import { call } from '../../bridge/bridge.ts';
import { useNow } from '../../app/useNow.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { DetailSections } from './DetailSections.tsx';
import { QuickActions } from './QuickActions.tsx';
import { usePanelStyles } from './DevicePanel.styles.ts';

export function DevicePanel({ row, onClose }: { readonly row: DeviceRow; readonly onClose: () => void }) {
  const styles = usePanelStyles();
  const now = useNow(30_000);
  const [detail, setDetail] = useState<BridgeResult<DeviceDetail> | undefined>();
  const [loading, setLoading] = useState(true);
  const heading = useRef<HTMLHeadingElement>(null);
  const latest = useRef(0);

  const load = useCallback(() => {
    const ticket = ++latest.current;
    setLoading(true);
    void call((api) => api.devices.detail({ id: row.id, live: true })).then((result) => {
      // A reload started since: its answer is the one to show.
      if (ticket !== latest.current) return;
      setDetail(result);
      setLoading(false);
    });
  }, [row.id]);

  useEffect(() => {
    load();
    heading.current?.focus();
  }, [load]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.stopPropagation();
      onClose();
    }
  };

  const name = row.deviceName ?? row.id;
  return (
    <InlineDrawer open position="end" separator as="aside" aria-label={`Device details: ${name}`} className={styles.drawer} onKeyDown={onKeyDown} data-testid="device-panel">
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ as: 'h2', className: styles.heading, ref: heading, tabIndex: -1 }}
          action={<Button appearance="subtle" aria-label="Close device details" icon={<DismissRegular />} onClick={onClose} />}
        >
          {name}
        </DrawerHeaderTitle>
        <p className={styles.subtitle}>{[row.userPrincipalName, [row.operatingSystem, row.osVersion].filter(Boolean).join(' ')].filter(Boolean).join(' · ')}</p>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <QuickActions row={row} onSent={load} />
        {loading && <Spinner size="small" label={detail === undefined ? 'Reading the device from Intune…' : 'Refreshing…'} />}
        {detail !== undefined && !detail.ok && <ProblemView problem={detail.problem} context="Could not read this device" onRetry={load} />}
        {detail?.ok === true && <DetailSections detail={detail.value} now={now} />}
      </DrawerBody>
    </InlineDrawer>
  );
}
