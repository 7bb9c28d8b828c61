// The areas of the window, as data: the navigation, the address (#/devices) and the page title
// come from here, and app/route-views.tsx maps each to its lazily loaded page (the compiler
// insists every route has one). Apps, Policies, Roles and Tenant settings join this list.

export const ROUTES = [
  { id: 'devices', path: 'devices', label: 'Devices', description: 'Every device in the offline inventory' },
  { id: 'myDevices', path: 'my-devices', label: 'My devices', description: 'Devices whose primary user is you' },
  { id: 'activity', path: 'activity', label: 'Activity', description: 'What this app did, newest first' },
  { id: 'settings', path: 'settings', label: 'Settings', description: 'Theme, inventory and tenants' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: RouteId = 'devices';

/** The route an address names ("#/my-devices"); the default for anything else. */
export function routeFromHash(hash: string): RouteId {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.find((r) => r.path === path)?.id ?? DEFAULT_ROUTE;
}

export function hashFor(id: RouteId): string {
  return `#/${routeById(id).path}`;
}

export function routeById(id: RouteId): Route {
  return ROUTES.find((r) => r.id === id) ?? ROUTES[0];
}
