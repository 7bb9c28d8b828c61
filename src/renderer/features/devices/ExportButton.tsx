// Export CSV: exactly the current view (search, filters, sort, columns). The desktop app saves
// where the technician chose and says where; the browser harness hands back the CSV, which is
// downloaded from a Blob URL.
import { useState } from 'react';
import { Button, Spinner } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { ExportResult, Problem } from '../../../shared/bridge/api.ts';
import { call } from '../../bridge/bridge.ts';
import { devicesWording } from '../../app/wording.ts';
import { announce } from '../../stores/announcer.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { csvFileName } from './csv-filename.ts';
import type { DeviceColumn } from './device-columns.ts';
import type { DeviceQueryView } from './device-filter.ts';
import { useDevicesPageStyles } from './DevicesPage.styles.ts';

function download(content: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time this runs; the URL would otherwise hold the CSV in memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function outcomeWording(result: ExportResult, fileName: string): string | undefined {
  switch (result.kind) {
    case 'saved':
      return `Saved ${devicesWording(result.rows)} to ${result.path ?? fileName}.`;
    case 'content':
      return `Downloaded ${fileName}: ${devicesWording(result.rows)}.`;
    case 'cancelled':
      return undefined;
  }
}

export function ExportButton({ view, columns, tenantLabel }: { readonly view: DeviceQueryView; readonly columns: readonly DeviceColumn[]; readonly tenantLabel: string | undefined }) {
  const styles = useDevicesPageStyles();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();

  const exportView = async (): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    setProblem(undefined);
    const result = await call((api) =>
      api.devices.exportCsv({ columns, sort: view.sort, ...(view.search === undefined ? {} : { search: view.search }), ...(view.filter === undefined ? {} : { filter: view.filter }) }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const fileName = result.value.fileName ?? csvFileName(tenantLabel, Date.now(), view);
    if (result.value.kind === 'content' && result.value.content !== undefined) download(result.value.content, fileName);
    const words = outcomeWording(result.value, fileName);
    setMessage(words);
    if (words !== undefined) announce(words);
  };

  return (
    <>
      <Button icon={busy ? <Spinner size="tiny" /> : <ArrowDownloadRegular />} onClick={() => void exportView()} disabled={busy}>
        Export CSV
      </Button>
      {message !== undefined && (
        <span className={styles.notice} data-testid="export-result">
          {message}
        </span>
      )}
      {problem !== undefined && <ProblemView problem={problem} context="Export failed" onDismiss={() => setProblem(undefined)} />}
    </>
  );
}
