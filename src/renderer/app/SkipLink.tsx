// "Skip to content": the first Tab stop. It moves focus to <main> itself, because a plain #main
// link would change the hash the router reads.
import type { MouseEvent } from 'react';
import { useShellStyles } from './Shell.styles.ts';

export function SkipLink() {
  const styles = useShellStyles();
  const skip = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <a href="#main" className={styles.skipLink} onClick={skip}>
      Skip to content
    </a>
  );
}
