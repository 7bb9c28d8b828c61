// The desktop host's public surface, for the shells: the Electron main process and the browser
// harness. Everything else in src/host is its inside.
export { DesktopHost } from './desktop-host.ts';
export type { DesktopHostOptions } from './desktop-host.ts';
export type { HostPlatform, SaveTarget, SettingsStorage } from './platform.ts';
export type { HostEventListener } from './events.ts';
export { createHandlers } from './bridge/handlers.ts';
export type { Handlers, ValueOf } from './bridge/handlers.ts';
export { createServe } from './bridge/serve.ts';
export type { Serve } from './bridge/serve.ts';
export { DEFAULT_SETTINGS } from './settings/settings-service.ts';
