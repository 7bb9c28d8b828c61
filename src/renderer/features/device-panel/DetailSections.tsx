// The panel's sections: overview, hardware, compliance per policy, configuration states,
// detected apps, primary user, action history.
import type { DeviceActionRecord, DeviceDetail, DetectedApp, PolicyState, PrimaryUser } from '../../../shared/bridge/api.ts';
import { timeWording, parseTime } from '../../app/wording.ts';
import { fieldRows, HARDWARE_FIELDS, OVERVIEW_FIELDS } from './panel-sections.ts';
import type { FieldRow, PropertyValue } from './panel-sections.ts';
import { PanelSection } from './PanelSection.tsx';
import { usePanelStyles } from './DevicePanel.styles.ts';

/** Detected apps can run to hundreds; the panel lists this many and says how many more there are. */
const APPS_SHOWN = 200;

export function DetailSections({ detail, now }: { readonly detail: DeviceDetail; readonly now: number }) {
  return (
    <>
      <PanelSection id="overview" title="Overview" section={detail.properties} now={now}>
        {(p) => <Fields rows={fieldRows(p as Readonly<Record<string, PropertyValue>>, OVERVIEW_FIELDS, now)} />}
      </PanelSection>
      <PanelSection id="hardware" title="Hardware" section={detail.properties} now={now}>
        {(p) => <Fields rows={fieldRows(p as Readonly<Record<string, PropertyValue>>, HARDWARE_FIELDS, now)} />}
      </PanelSection>
      <PanelSection id="compliance" title="Compliance" section={detail.compliance} now={now}>
        {(list) => <Policies list={list} empty="No compliance policy is assigned to this device." now={now} />}
      </PanelSection>
      <PanelSection id="configuration" title="Configuration" section={detail.configuration} now={now}>
        {(list) => <Policies list={list} empty="No configuration profile is assigned to this device." now={now} />}
      </PanelSection>
      <PanelSection id="apps" title="Detected apps" section={detail.detectedApps} now={now}>
        {(list) => <Apps list={list} />}
      </PanelSection>
      <PanelSection id="user" title="Primary user" section={detail.primaryUser} now={now}>
        {(user) => <User user={user} />}
      </PanelSection>
      <PanelSection id="actions" title="Action history" section={detail.actionHistory} now={now}>
        {(list) => <Actions list={list} now={now} />}
      </PanelSection>
    </>
  );
}

function Fields({ rows }: { readonly rows: readonly FieldRow[] }) {
  const styles = usePanelStyles();
  if (rows.length === 0) return <p className={styles.muted}>Intune reported none of these.</p>;
  return (
    <dl className={styles.fields}>
      {rows.map((r) => (
        <div key={r.name} className={styles.pair}>
          <dt className={styles.term}>{r.label}</dt>
          <dd className={styles.value}>{r.text}</dd>
        </div>
      ))}
    </dl>
  );
}

function when(iso: string | undefined, now: number): string | undefined {
  const ms = parseTime(iso);
  return ms === undefined ? undefined : timeWording(ms, now);
}

function Policies({ list, empty, now }: { readonly list: readonly PolicyState[]; readonly empty: string; readonly now: number }) {
  const styles = usePanelStyles();
  if (list.length === 0) return <p className={styles.muted}>{empty}</p>;
  return (
    <ul className={styles.list}>
      {list.map((p) => (
        <li key={p.id} className={styles.listItem}>
          <span>{p.displayName}</span>
          <span>
            {p.state}
            {p.lastReported !== undefined && <span className={styles.source}> · {when(p.lastReported, now)}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Apps({ list }: { readonly list: readonly DetectedApp[] }) {
  const styles = usePanelStyles();
  if (list.length === 0) return <p className={styles.muted}>Intune has detected no apps on this device.</p>;
  return (
    <>
      <ul className={styles.list}>
        {list.slice(0, APPS_SHOWN).map((a) => (
          <li key={a.id} className={styles.listItem}>
            <span>{a.displayName}</span>
            <span className={styles.source}>{[a.version, a.publisher].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
      {list.length > APPS_SHOWN && <p className={styles.muted}>and {list.length - APPS_SHOWN} more.</p>}
    </>
  );
}

function User({ user }: { readonly user: PrimaryUser }) {
  const styles = usePanelStyles();
  const rows: FieldRow[] = [
    { name: 'displayName', label: 'Name', text: user.displayName ?? '' },
    { name: 'userPrincipalName', label: 'UPN', text: user.userPrincipalName ?? '' },
    { name: 'email', label: 'Email', text: user.email ?? '' },
  ].filter((r) => r.text !== '');
  if (rows.length === 0) return <p className={styles.muted}>This device has no primary user (a shared or kiosk device).</p>;
  return <Fields rows={rows} />;
}

function Actions({ list, now }: { readonly list: readonly DeviceActionRecord[]; readonly now: number }) {
  const styles = usePanelStyles();
  if (list.length === 0) return <p className={styles.muted}>No remote action has been sent to this device.</p>;
  return (
    <ul className={styles.list}>
      {list.map((a, i) => (
        <li key={`${a.action}-${a.startedAt ?? i}`} className={styles.listItem}>
          <span>{a.action}</span>
          <span>
            {a.state}
            {a.startedAt !== undefined && <span className={styles.source}> · {when(a.lastUpdatedAt ?? a.startedAt, now)}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
