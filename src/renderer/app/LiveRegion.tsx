// The one polite live region: result counts, a sync finishing.
import { useAnnouncer } from '../stores/announcer.ts';
import { useShellStyles } from './Shell.styles.ts';

export function LiveRegion() {
  const styles = useShellStyles();
  const message = useAnnouncer((s) => s.message);
  const serial = useAnnouncer((s) => s.serial);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={styles.visuallyHidden} data-testid="live-region">
      {/* A new key makes a new text node, so a repeated sentence is read again. */}
      <span key={serial}>{message}</span>
    </div>
  );
}
