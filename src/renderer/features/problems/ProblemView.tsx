// One Problem, where it happened: what went wrong, the scope or Intune role that is missing, what
// to check, when a throttle clears, how old the data shown is, and a line to copy for support.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, mergeClasses } from '@fluentui/react-components';
import { CopyRegular, ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import type { Problem } from '../../../shared/bridge/api.ts';
import { useNow } from '../../app/useNow.ts';
import { asOfLine, checksFor, clearsWording, problemTitle, roleWording, scopesNeeded, supportLine } from './problem-wording.ts';
import { useProblemStyles } from './ProblemView.styles.ts';

const WARNINGS: readonly Problem['code'][] = ['offline', 'throttled', 'cancelled', 'storeDamaged', 'consentRequired', 'signInRequired'];

export interface ProblemViewProps {
  readonly problem: Problem;
  /** What was being done, as a heading prefix: "Sign-in failed", "Export failed". */
  readonly context?: string;
  readonly compact?: boolean;
  /** A problem from the past (the activity log): not announced as an alert. */
  readonly past?: boolean;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
  readonly children?: ReactNode;
}

export function ProblemView({ problem, context, compact = false, past = false, onRetry, onDismiss, children }: ProblemViewProps) {
  const styles = useProblemStyles();
  const now = useNow(5_000);
  const warning = WARNINGS.includes(problem.code);
  const scopes = scopesNeeded(problem);
  const checks = checksFor(problem);
  const clears = clearsWording(problem, now);
  const asOf = asOfLine(problem, now);
  const support = supportLine(problem);
  const Icon = warning ? WarningRegular : ErrorCircleRegular;
  return (
    <div role={past ? 'note' : 'alert'} className={mergeClasses(styles.root, warning && styles.warning, compact && styles.compact)} data-problem-code={problem.code}>
      <Icon aria-hidden className={mergeClasses(styles.icon, warning && styles.warningIcon)} />
      <div className={styles.body}>
        <span className={styles.title}>{context === undefined ? problemTitle(problem) : `${context}: ${problemTitle(problem)}`}</span>
        <p className={styles.text}>{problem.message}</p>
        {scopes.length > 0 && (
          <div>
            {scopes.length === 1 ? 'Needs this permission:' : 'Needs one of these permissions:'}
            <ul className={styles.list}>
              {scopes.map((s) => (
                <li key={s.name}>
                  {s.label} (<span className={styles.code}>{s.name}</span>)
                </li>
              ))}
            </ul>
          </div>
        )}
        {problem.requiredRole !== undefined && <p className={styles.text}>Needs the Intune role permission {roleWording(problem.requiredRole)}.</p>}
        {checks.length > 0 && !compact && (
          <div>
            Check, in this order:
            <ol className={styles.list}>
              {checks.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ol>
          </div>
        )}
        {clears !== undefined && <p className={styles.text}>{clears}.</p>}
        {asOf !== undefined && <p className={styles.text}>{asOf}</p>}
        {problem.outcomeUnknown === true && (
          <p className={styles.text}>It may have been carried out before the connection failed; it was not sent again. Check the action history before repeating it.</p>
        )}
        {children}
        {support !== undefined && <SupportLine line={support} />}
        {(onRetry !== undefined || onDismiss !== undefined) && (
          <div className={styles.actions}>
            {onRetry !== undefined && <Button onClick={onRetry}>Try again</Button>}
            {onDismiss !== undefined && (
              <Button appearance="subtle" onClick={onDismiss}>
                Dismiss
              </Button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

function SupportLine({ line }: { readonly line: string }) {
  const styles = useProblemStyles();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = (): void => {
    navigator.clipboard.writeText(line).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className={styles.support}>
      <span>Details for support:</span>
      <code className={styles.code} data-testid="problem-support-line">
        {line}
      </code>
      <Button size="small" appearance="subtle" icon={<CopyRegular />} onClick={copy} aria-label="Copy details for support">
        {copied === 'yes' ? 'Copied' : 'Copy'}
      </Button>
      {copied === 'failed' && <span>Copying was refused: select the line and press Ctrl+C.</span>}
    </div>
  );
}
