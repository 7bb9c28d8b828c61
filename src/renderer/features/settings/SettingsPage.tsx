// Settings: theme, the inventory's stale days and auto-refresh, the tenants (remove), sign out.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Field, Radio, RadioGroup, SpinButton, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import type { SpinButtonOnChangeData } from '@fluentui/react-components';
import { DeleteRegular, SignOutRegular } from '@fluentui/react-icons';
import type { Problem, Settings, ThemeName } from '../../../shared/bridge/api.ts';
import { useNow } from '../../app/useNow.ts';
import { asOfWording, devicesWording } from '../../app/wording.ts';
import { useSession } from '../../stores/session-store.ts';
import { useSettings } from '../../stores/settings-store.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { signOut } from '../session/AccountMenu.tsx';
import { spinValue } from './settings-values.ts';
import { RemoveTenantButton } from './RemoveTenantButton.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, overflowY: 'auto', minHeight: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    maxWidth: '760px',
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  tenants: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  tenant: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  tenantText: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  spin: { maxWidth: '160px' },
});

const THEMES: readonly { readonly value: ThemeName; readonly label: string }[] = [
  { value: 'system', label: 'Same as the system (follows dark mode and contrast themes)' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'highContrast', label: 'High contrast' },
];

function Section({ title, id, children }: { readonly title: string; readonly id: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.sectionTitle}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One setting's save: its own Problem next to it. */
function useSave(): [Problem | undefined, (change: Partial<Settings>) => void, () => void] {
  const [problem, setProblem] = useState<Problem | undefined>();
  const save = (change: Partial<Settings>): void => {
    void useSettings
      .getState()
      .update(change)
      .then((p) => setProblem(p));
  };
  return [problem, save, () => setProblem(undefined)];
}

export function SettingsPage() {
  const styles = useStyles();
  const now = useNow();
  const settings = useSettings((s) => s.settings);
  const loadProblem = useSettings((s) => s.loadProblem);
  const setup = useSession((s) => s.setup);
  const session = useSession((s) => s.session);
  const [themeProblem, saveTheme, clearTheme] = useSave();
  const [staleProblem, saveStale, clearStale] = useSave();
  const [refreshProblem, saveRefresh, clearRefresh] = useSave();

  const onSpin = (save: (change: Partial<Settings>) => void, key: 'staleDays' | 'autoRefreshMinutes', min: number, max: number) => (_e: unknown, data: SpinButtonOnChangeData) => {
    const value = spinValue(data, min, max);
    if (value !== undefined) save({ [key]: value });
  };

  return (
    <div className={styles.page}>
      <h1 id="page-title" className={styles.title}>
        Settings
      </h1>
      {loadProblem !== undefined && <ProblemView problem={loadProblem} context="Could not read the settings" onRetry={() => void useSettings.getState().load()} />}
      {settings !== undefined && (
        <>
          <Section title="Appearance" id="settings-appearance">
            <Field label="Theme">
              <RadioGroup value={settings.theme} onChange={(_e, data) => saveTheme({ theme: data.value as ThemeName })}>
                {THEMES.map((t) => (
                  <Radio key={t.value} value={t.value} label={t.label} />
                ))}
              </RadioGroup>
            </Field>
            {themeProblem !== undefined && <ProblemView problem={themeProblem} context="The theme was not saved" onDismiss={clearTheme} />}
          </Section>
          <Section title="Offline inventory" id="settings-inventory">
            <Field label="A device is stale after this many days without checking in" hint="Used by the “Stale for more than N days” filter. 1 to 365.">
              <SpinButton className={styles.spin} value={settings.staleDays} min={1} max={365} onChange={onSpin(saveStale, 'staleDays', 1, 365)} />
            </Field>
            {staleProblem !== undefined && <ProblemView problem={staleProblem} context="Stale days were not saved" onDismiss={clearStale} />}
            <Field label="Refresh the inventory automatically every (minutes)" hint="0 turns automatic refresh off. Up to 1440 (a day).">
              <SpinButton className={styles.spin} value={settings.autoRefreshMinutes} min={0} max={1440} onChange={onSpin(saveRefresh, 'autoRefreshMinutes', 0, 1440)} />
            </Field>
            {refreshProblem !== undefined && <ProblemView problem={refreshProblem} context="Automatic refresh was not saved" onDismiss={clearRefresh} />}
          </Section>
        </>
      )}
      <Section title="Tenants" id="settings-tenants">
        {setup === undefined || setup.tenants.length === 0 ? (
          <p className={styles.muted}>No tenant yet.</p>
        ) : (
          <ul className={styles.tenants}>
            {setup.tenants.map((t) => (
              <li key={t.profileId} className={styles.tenant}>
                <div className={styles.tenantText}>
                  <strong>
                    {t.label}
                    {t.profileId === setup.currentProfileId ? ' (current)' : ''}
                  </strong>
                  <span className={styles.muted}>
                    {t.kind === 'demo' ? 'Demo tenant' : `Tenant ${t.tenant}`}
                    {t.signedIn === undefined ? ' · signed out' : ` · signed in as ${t.signedIn.username}`}
                    {` · ${devicesWording(t.inventory.deviceCount)}`}
                    {t.inventory.asOf !== undefined && `, ${asOfWording(t.inventory.asOf, now).replace(/^As of/, 'as of')}`}
                  </span>
                  {t.managed && <span className={styles.muted}>Set by your IT department: it cannot be removed here.</span>}
                </div>
                {!t.managed && <RemoveTenantButton tenant={t} icon={<DeleteRegular />} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {session?.signedIn === true && (
        <Section title="Account" id="settings-account">
          <p className={styles.muted}>Signed in as {session.account?.username}. Signing out removes this account’s tokens from this computer.</p>
          <div>
            <Button icon={<SignOutRegular />} onClick={signOut}>
              Sign out
            </Button>
          </div>
        </Section>
      )}
    </div>
  );
}
