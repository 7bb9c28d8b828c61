// The strip under the header: problems met by the header's controls, and a reminder when the
// technician is signed out (the offline inventory is still there to read).
import { Button } from '@fluentui/react-components';
import { ProblemView } from '../features/problems/ProblemView.tsx';
import { signIn } from '../features/session/AccountMenu.tsx';
import { useHeaderProblems } from '../stores/header-problems.ts';
import type { HeaderControl } from '../stores/header-problems.ts';
import { currentTenant, useSession } from '../stores/session-store.ts';
import { useShellStyles } from './Shell.styles.ts';

const ORDER: readonly HeaderControl[] = ['account', 'tenant', 'sync'];

export function HeaderProblems() {
  const styles = useShellStyles();
  const problems = useHeaderProblems((s) => s.problems);
  const report = useHeaderProblems((s) => s.report);
  const session = useSession((s) => s.session);
  const setup = useSession((s) => s.setup);
  const signedOut = session !== undefined && !session.signedIn;
  return (
    <div className={styles.strip}>
      {signedOut && problems.account === undefined && (
        <div role="note" className={styles.signedOut}>
          <span>
            You are signed out of {currentTenant(setup)?.label ?? 'this tenant'}. Sign in to read its devices and keep the offline inventory in sync.
          </span>
          <Button size="small" onClick={signIn}>
            Sign in
          </Button>
        </div>
      )}
      {ORDER.map((control) => {
        const entry = problems[control];
        if (entry === undefined) return null;
        return <ProblemView key={control} problem={entry.problem} context={entry.context} onRetry={entry.retry} onDismiss={() => report(control, undefined)} />;
      })}
    </div>
  );
}
