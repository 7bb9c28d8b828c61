// One section of the device panel, saying where its data came from ("Live" or "As of …") and,
// when live data is missing, why (offline since when, the scope or role a 403 names, when a
// throttle clears).
import type { ReactNode } from 'react';
import { Badge } from '@fluentui/react-components';
import type { DeviceSection } from '../../../shared/bridge/api.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { sectionSource } from './panel-sections.ts';
import { usePanelStyles } from './DevicePanel.styles.ts';

export interface PanelSectionProps<T> {
  readonly id: string;
  readonly title: string;
  readonly section: DeviceSection<T>;
  readonly now: number;
  readonly children: (value: T) => ReactNode;
}

export function PanelSection<T>({ id, title, section, now, children }: PanelSectionProps<T>) {
  const styles = usePanelStyles();
  const source = sectionSource(section, now);
  const headingId = `panel-${id}`;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-section={id} data-source={source.kind}>
      <div className={styles.sectionHeader}>
        <h3 id={headingId} className={styles.sectionTitle}>
          {title}
        </h3>
        {source.kind === 'live' ? (
          <Badge appearance="tint" color="success">
            Live
          </Badge>
        ) : (
          <span className={styles.source}>{source.text}</span>
        )}
      </div>
      {section.problem !== undefined && <ProblemView problem={section.problem} context={`${title} is not live`} compact={section.value !== undefined} />}
      {section.value !== undefined && children(section.value)}
    </section>
  );
}
