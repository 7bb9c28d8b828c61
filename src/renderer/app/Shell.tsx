// The window once a tenant is chosen: header (tenant, sync status, account), navigation, the
// current page, and the device panel's place at the page's side.
import { Suspense, useEffect } from 'react';
import { Spinner } from '@fluentui/react-components';
import { DesktopPulseRegular } from '@fluentui/react-icons';
import { AccountMenu } from '../features/session/AccountMenu.tsx';
import { SyncStatus } from '../features/sync/SyncStatus.tsx';
import { TenantSwitcher } from '../features/tenants/TenantSwitcher.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { HeaderProblems } from './HeaderProblems.tsx';
import { Navigation } from './Navigation.tsx';
import { routeById } from './routes.ts';
import { ROUTE_VIEWS } from './route-views.tsx';
import { useRoute } from './useRoute.ts';
import { useShellStyles } from './Shell.styles.ts';

export function Shell() {
  const styles = useShellStyles();
  const route = useRoute();
  const { Page } = ROUTE_VIEWS[route];
  useEffect(() => {
    document.title = `${routeById(route).label} · Intune Desk`;
  }, [route]);
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <span className={styles.product}>
          <DesktopPulseRegular aria-hidden className={styles.productIcon} />
          Intune Desk
        </span>
        <TenantSwitcher />
        <div className={styles.headerMiddle}>
          <SyncStatus />
        </div>
        <AccountMenu />
      </header>
      <HeaderProblems />
      <Navigation current={route} />
      <main id="main" tabIndex={-1} className={styles.main} aria-labelledby="page-title">
        <ErrorBoundary key={route} area={routeById(route).label}>
          <Suspense fallback={<Spinner className={styles.loading} label="Loading…" />}>
            <Page />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
