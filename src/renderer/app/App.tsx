// The root: theme, then whatever the window should show — the first-run choice, the shell, or
// why the host could not be reached.
import { lazy, Suspense, useEffect, useState } from 'react';
import { FluentProvider, RendererProvider, Spinner, makeStyles } from '@fluentui/react-components';
import { findBridge } from '../bridge/bridge.ts';
import { ProblemView } from '../features/problems/ProblemView.tsx';
import { useSession } from '../stores/session-store.ts';
import { useSettings } from '../stores/settings-store.ts';
import { followBridgeEvents, loadStartState } from './bridge-events.ts';
import { LiveRegion } from './LiveRegion.tsx';
import { Shell } from './Shell.tsx';
import { SkipLink } from './SkipLink.tsx';
import { useAppearance } from './useAppearance.ts';
import { createConstructedSheetRenderer } from './styles/griffel-renderer.ts';

// One renderer for the window's life: it holds every CSS rule inserted so far.
const renderer = createConstructedSheetRenderer(document);

const FirstRunPage = lazy(() => import('../features/first-run/FirstRunPage.tsx').then((m) => ({ default: m.FirstRunPage })));

// No className on FluentProvider: Fluent copies the provider's classes onto every portal (menus,
// tooltips), so a height there would make each portal cover the window.
const useStyles = makeStyles({
  centre: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px', margin: '10vh auto', padding: '0 24px' },
});

export function App() {
  const themeSetting = useSettings((s) => s.settings?.theme);
  const { name, theme } = useAppearance(themeSetting);
  return (
    <FluentProvider theme={theme} data-theme={name}>
      <SkipLink />
      <Root />
      <LiveRegion />
    </FluentProvider>
  );
}

/** The root with Fluent's styles written where the CSP allows them (see styles/adopted-sheets.ts). */
export function StyledApp() {
  return (
    <RendererProvider renderer={renderer} targetDocument={document}>
      <App />
    </RendererProvider>
  );
}

function Root() {
  const styles = useStyles();
  const [started, setStarted] = useState(false);
  const setup = useSession((s) => s.setup);
  const loadProblem = useSession((s) => s.loadProblem);
  const hasBridge = findBridge() !== undefined;

  useEffect(() => {
    if (!hasBridge) return undefined;
    const stop = followBridgeEvents();
    void loadStartState().finally(() => setStarted(true));
    return stop;
  }, [hasBridge]);

  if (!hasBridge) {
    return (
      <main id="main" tabIndex={-1} className={styles.centre}>
        <h1>Intune Desk</h1>
        <ProblemView problem={{ code: 'internal', message: 'This page was opened without Intune Desk around it, so it cannot reach your tenants. Start the app (or `npm run start:web` for development).' }} />
      </main>
    );
  }
  if (!started) return <Spinner className={styles.centre} label="Starting Intune Desk…" />;
  if (setup === undefined) {
    return (
      <main id="main" tabIndex={-1} className={styles.centre}>
        <h1>Intune Desk</h1>
        {loadProblem !== undefined && <ProblemView problem={loadProblem} context="Could not start" onRetry={() => void useSession.getState().load()} />}
      </main>
    );
  }
  if (setup.firstRun) {
    return (
      <Suspense fallback={<Spinner className={styles.centre} label="Loading…" />}>
        <FirstRunPage />
      </Suspense>
    );
  }
  return <Shell />;
}
