// The current area from the address's hash (#/devices), which works the same under app:// and
// http:// and needs nothing from the server.
import { useSyncExternalStore } from 'react';
import { hashFor, routeFromHash } from './routes.ts';
import type { RouteId } from './routes.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

export function goTo(id: RouteId): void {
  window.location.hash = hashFor(id);
}
