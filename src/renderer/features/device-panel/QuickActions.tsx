// Sync, Restart and Lock for the open device. Restart and Lock interrupt the person using it, so
// they are confirmed first; a refusal (403: the scope or Intune role missing) shows right here.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowSyncRegular, LockClosedRegular } from '@fluentui/react-icons';
import type { ActionOutcome, DeviceRow, Problem, QuickAction } from '../../../shared/bridge/api.ts';
import { call } from '../../bridge/bridge.ts';
import { clockWording, parseTime } from '../../app/wording.ts';
import { announce } from '../../stores/announcer.ts';
import { useSession } from '../../stores/session-store.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { usePanelStyles } from './DevicePanel.styles.ts';

const ACTIONS: readonly { readonly action: QuickAction; readonly label: string; readonly confirm?: string }[] = [
  { action: 'syncDevice', label: 'Sync' },
  { action: 'rebootNow', label: 'Restart', confirm: 'restarts the device now. Whoever is using it may lose unsaved work.' },
  { action: 'remoteLock', label: 'Lock', confirm: 'locks the device now. Its user must sign in again with their PIN or password.' },
];

const ICONS: Readonly<Record<QuickAction, ReactElement>> = {
  syncDevice: <ArrowSyncRegular />,
  rebootNow: <ArrowClockwiseRegular />,
  remoteLock: <LockClosedRegular />,
};

function sentWording(label: string, deviceName: string, outcome: ActionOutcome): string {
  const at = parseTime(outcome.at);
  return `${label} sent to ${deviceName}${at === undefined ? '' : ` at ${clockWording(at)}`}. Intune accepted it; the action history shows its progress.`;
}

export function QuickActions({ row, onSent }: { readonly row: DeviceRow; readonly onSent: () => void }) {
  const styles = usePanelStyles();
  const [running, setRunning] = useState<QuickAction | undefined>();
  const [confirming, setConfirming] = useState<(typeof ACTIONS)[number] | undefined>();
  const [result, setResult] = useState<{ readonly label: string; readonly problem?: Problem; readonly message?: string } | undefined>();
  const name = row.deviceName ?? row.id;
  // Remote actions need their own permission, asked for the first time one is sent.
  const needsConsent = useSession((s) => s.session !== undefined && !s.session.features.includes('remoteActions'));

  const run = async (entry: (typeof ACTIONS)[number]): Promise<void> => {
    setConfirming(undefined);
    setRunning(entry.action);
    setResult(undefined);
    const outcome = await call((api) => api.devices.runAction({ id: row.id, action: entry.action }));
    setRunning(undefined);
    if (!outcome.ok) {
      setResult({ label: entry.label, problem: outcome.problem });
      return;
    }
    const message = sentWording(entry.label, name, outcome.value);
    setResult({ label: entry.label, message });
    announce(message);
    onSent();
  };

  return (
    <div>
      <div className={styles.actions} role="group" aria-label="Remote actions">
        {ACTIONS.map((entry) => (
          <Button
            key={entry.action}
            icon={running === entry.action ? <Spinner size="tiny" /> : ICONS[entry.action]}
            disabled={running !== undefined}
            onClick={() => (entry.confirm === undefined ? void run(entry) : setConfirming(entry))}
          >
            {entry.label}
          </Button>
        ))}
      </div>
      {running !== undefined && needsConsent && (
        <p role="status" className={styles.status}>
          Intune Desk asks for permission to send remote actions the first time: finish signing in in the window that opened.
        </p>
      )}
      {result?.message !== undefined && (
        <p role="status" className={styles.status}>
          {result.message}
        </p>
      )}
      {result?.problem !== undefined && <ProblemView problem={result.problem} context={`${result.label} was not sent`} onDismiss={() => setResult(undefined)} />}
      {confirming !== undefined && (
        <Dialog open onOpenChange={(_e, data) => !data.open && setConfirming(undefined)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>
                {confirming.label} {name}?
              </DialogTitle>
              <DialogContent>
                {confirming.label} {confirming.confirm}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => void run(confirming)}>
                  {confirming.label}
                </Button>
                <Button onClick={() => setConfirming(undefined)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}
