// The main navigation, built from the route table.
import { mergeClasses } from '@fluentui/react-components';
import { ROUTES, hashFor } from './routes.ts';
import type { RouteId } from './routes.ts';
import { ROUTE_VIEWS } from './route-views.tsx';
import { useShellStyles } from './Shell.styles.ts';

export function Navigation({ current }: { readonly current: RouteId }) {
  const styles = useShellStyles();
  return (
    <nav aria-label="Main" className={styles.nav}>
      <ul className={styles.navList}>
        {ROUTES.map((route) => {
          const Icon = ROUTE_VIEWS[route.id].icon;
          const isCurrent = route.id === current;
          return (
            <li key={route.id}>
              <a href={hashFor(route.id)} className={mergeClasses(styles.navLink, isCurrent && styles.navLinkCurrent)} aria-current={isCurrent ? 'page' : undefined} title={route.description}>
                <Icon aria-hidden className={styles.navIcon} />
                {route.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
