// The first start: explore the demo tenant, or connect your own.
import { useState } from 'react';
import { Button, Spinner } from '@fluentui/react-components';
import { DesktopPulseRegular } from '@fluentui/react-icons';
import type { Problem } from '../../../shared/bridge/api.ts';
import { signIn } from '../session/AccountMenu.tsx';
import { ProblemView } from '../problems/ProblemView.tsx';
import { useSession } from '../../stores/session-store.ts';
import { AppRegistrationHelp } from './AppRegistrationHelp.tsx';
import { ConnectTenantForm } from './ConnectTenantForm.tsx';
import { useFirstRunStyles } from './FirstRun.styles.ts';

export function FirstRunPage() {
  const styles = useFirstRunStyles();
  const locked = useSession((s) => s.setup?.tenantsLocked ?? false);
  const busy = useSession((s) => s.busy) === 'demo';
  const [problem, setProblem] = useState<Problem | undefined>();

  const exploreDemo = async (): Promise<void> => {
    setProblem(undefined);
    const failure = await useSession.getState().useDemo();
    if (failure !== undefined) setProblem(failure);
    else signIn();
  };

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <DesktopPulseRegular aria-hidden />
        Intune Desk
      </header>
      <main id="main" tabIndex={-1} className={styles.main} aria-labelledby="page-title">
        <h1 id="page-title" className={styles.title}>
          Welcome to Intune Desk
        </h1>
        <p className={styles.text}>Find a device or a user, read its state and send remote actions, online or from the offline inventory. Choose where to start; you can add tenants later from the tenant menu.</p>
        <div className={styles.choices}>
          <section className={styles.card} aria-labelledby="demo-title">
            <h2 id="demo-title" className={styles.cardTitle}>
              Explore the demo tenant
            </h2>
            <p className={styles.text}>
              Contoso, a tenant that runs on this computer with thousands of devices, users, apps and policies. Nothing leaves the machine. Its sign-in page lists the demo users: an
              Intune administrator, a help desk operator, a read-only operator, and a user with no Intune role.
            </p>
            <div>
              <Button appearance="primary" onClick={() => void exploreDemo()} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? 'Starting the demo tenant…' : 'Explore the demo tenant'}
              </Button>
            </div>
            {problem !== undefined && <ProblemView problem={problem} context="The demo tenant could not start" onRetry={() => void exploreDemo()} />}
          </section>
          {!locked && (
            <section className={styles.card} aria-labelledby="connect-title">
              <h2 id="connect-title" className={styles.cardTitle}>
                Connect your tenant
              </h2>
              <p className={styles.text}>Use your organization’s Intune with an app registration your administrator created (see below).</p>
              <ConnectTenantForm />
            </section>
          )}
        </div>
        {!locked && <AppRegistrationHelp />}
      </main>
    </div>
  );
}
