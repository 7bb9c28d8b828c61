// The header's account of the offline inventory: how old it is, a progress bar while a sync
// runs, an Offline badge when the service could not be reached, Sync now and Cancel.
import { Badge, Button, ProgressBar, Tooltip } from '@fluentui/react-components';
import { ArrowSyncRegular, DismissRegular } from '@fluentui/react-icons';
import { useNow } from '../../app/useNow.ts';
import { asOfWording, devicesWording } from '../../app/wording.ts';
import { reportHeaderProblem } from '../../stores/header-problems.ts';
import { useSync } from '../../stores/sync-store.ts';
import { progressWording } from './sync-wording.ts';
import { useSyncStatusStyles } from './SyncStatus.styles.ts';

export function SyncStatus() {
  const styles = useSyncStatusStyles();
  const state = useSync((s) => s.state);
  const now = useNow(15_000);
  if (state === undefined) return null;

  const start = (): void => {
    void useSync.getState().start().then((problem) => reportHeaderProblem('sync', 'Sync could not start', problem, start));
  };
  const cancel = (): void => {
    void useSync.getState().cancel().then((problem) => reportHeaderProblem('sync', 'Sync could not be cancelled', problem));
  };
  const asOf = asOfWording(state.asOf, now);

  if (state.running) {
    const words = state.progress === undefined ? undefined : progressWording(state.progress);
    return (
      <div className={styles.root} data-testid="sync-status">
        <div className={styles.progress}>
          <div className={styles.progressText}>
            <span className={styles.progressLabel}>{words?.label ?? 'Starting the sync'}</span>
            <span>{words?.detail}</span>
          </div>
          <ProgressBar aria-label="Sync progress" value={words?.fraction} max={1} thickness="large" aria-valuetext={words?.detail} />
        </div>
        <Button icon={<DismissRegular />} onClick={cancel}>
          Cancel
        </Button>
      </div>
    );
  }

  return (
    <div className={styles.root} data-testid="sync-status">
      {state.offline && (
        <Tooltip content={`Intune could not be reached at the last attempt. You are working from the offline inventory (${asOf.toLowerCase()}).`} relationship="description">
          <Badge appearance="filled" color="danger" data-testid="offline-badge" tabIndex={0}>
            Offline
          </Badge>
        </Tooltip>
      )}
      <span className={styles.facts}>
        <span data-testid="sync-as-of">{asOf}</span>
        <span aria-hidden>·</span>
        <span>{devicesWording(state.deviceCount)}</span>
      </span>
      <Button icon={<ArrowSyncRegular />} onClick={start}>
        Sync now
      </Button>
    </div>
  );
}
