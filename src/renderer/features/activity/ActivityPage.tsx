// Activity: what this app did (syncs, sign-ins, exports, remote actions), newest first, each
// problem shown with its details.
import { useEffect, useState } from 'react';
import { Button, Spinner, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import type { ActivityEntry, BridgeResult } from '../../../shared/bridge/api.ts';
import { call } from '../../bridge/bridge.ts';
import { useNow } from '../../app/useNow.ts';
import { agoWording, parseTime, timeWording } from '../../app/wording.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { newestFirst, KIND_LABELS } from './activity-wording.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, overflowY: 'auto', minHeight: 0 },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  entry: {
    display: 'grid',
    gridTemplateColumns: '150px 110px 1fr',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
  },
  time: { color: tokens.colorNeutralForeground2 },
  kind: { fontWeight: tokens.fontWeightSemibold },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  empty: { color: tokens.colorNeutralForeground2 },
});

const SHOWN = 500;

export function ActivityPage() {
  const styles = useStyles();
  const now = useNow();
  const [result, setResult] = useState<BridgeResult<readonly ActivityEntry[]> | undefined>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void call((api) => api.activity.list({ limit: SHOWN })).then((r) => current && setResult(r));
    return () => {
      current = false;
    };
  }, [attempt]);
  const reload = (): void => setAttempt((n) => n + 1);
  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <h1 id="page-title" className={styles.title}>
          Activity
        </h1>
        <Button icon={<ArrowClockwiseRegular />} onClick={reload}>
          Refresh
        </Button>
      </div>
      {result === undefined && <Spinner label="Reading the activity log…" />}
      {result !== undefined && !result.ok && <ProblemView problem={result.problem} context="Could not read the activity log" onRetry={reload} />}
      {result?.ok === true && result.value.length === 0 && <p className={styles.empty}>Nothing yet: syncs, sign-ins, exports and remote actions appear here.</p>}
      {result?.ok === true && result.value.length > 0 && (
        <ol className={styles.list} aria-label="Activity, newest first">
          {newestFirst(result.value).map((entry) => {
            const at = parseTime(entry.at);
            return (
              <li key={entry.id} className={styles.entry}>
                <span className={styles.time}>
                  <time dateTime={entry.at}>{at === undefined ? entry.at : timeWording(at, now)}</time>
                  {at !== undefined && <div>{agoWording(at, now)}</div>}
                </span>
                <span className={styles.kind}>{KIND_LABELS[entry.kind]}</span>
                <div className={styles.body}>
                  <span>{entry.summary}</span>
                  {entry.problem !== undefined && <ProblemView problem={entry.problem} compact past />}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
