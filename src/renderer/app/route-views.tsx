// Each route's page, loaded when first visited (the start bundle holds only the shell and the
// Devices page, where the app opens: loading it later cost ~90 ms before the first rows), and its
// navigation icon. The Record type makes a new route in routes.ts fail the typecheck until it
// has a page here.
import { lazy } from 'react';
import { DevicesPage } from '../features/devices/DevicesPage.tsx';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { FluentIcon } from '@fluentui/react-icons';
import { DesktopRegular, HistoryRegular, PersonRegular, SettingsRegular } from '@fluentui/react-icons';
import type { RouteId } from './routes.ts';

interface RouteView {
  readonly icon: FluentIcon;
  readonly Page: LazyExoticComponent<ComponentType> | ComponentType;
}

export const ROUTE_VIEWS: Readonly<Record<RouteId, RouteView>> = {
  devices: { icon: DesktopRegular, Page: DevicesPage },
  myDevices: { icon: PersonRegular, Page: lazy(() => import('../features/my-devices/MyDevicesPage.tsx').then((m) => ({ default: m.MyDevicesPage }))) },
  activity: { icon: HistoryRegular, Page: lazy(() => import('../features/activity/ActivityPage.tsx').then((m) => ({ default: m.ActivityPage }))) },
  settings: { icon: SettingsRegular, Page: lazy(() => import('../features/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage }))) },
};
