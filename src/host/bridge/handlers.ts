// The one handler table: every channel of the bridge, served by the host. The Electron main
// process and the browser harness both serve this table (through serve.ts), so the app and its
// tests exercise the same code. A test checks it serves exactly CHANNELS.
import type { BridgeResult } from '../../shared/bridge/api.ts';
import type { ArgsOf, Channel, ResultOf } from '../../shared/bridge/channels.ts';
import type { DesktopHost } from '../desktop-host.ts';

/** What a channel answers when it succeeds: a handler returns it, or throws a ProblemError. */
export type ValueOf<C extends Channel> = ResultOf<C> extends BridgeResult<infer R> ? R : never;

export type Handlers = { readonly [C in Channel]: (args: ArgsOf<C>) => Promise<ValueOf<C>> };

export function createHandlers(host: DesktopHost): Handlers {
  return {
    'app.info': async () => host.appInfo(),
    'tenants.setup': () => host.tenants.setup(),
    'tenants.useDemo': () => host.tenants.useDemo(),
    'tenants.connect': (request) => host.tenants.connect(request),
    'tenants.switchTo': ({ profileId }) => host.tenants.switchTo(profileId),
    'tenants.remove': ({ profileId }) => host.tenants.remove(profileId),
    'session.state': () => host.sessionState(),
    'session.signIn': ({ feature }) => host.signIn(feature),
    'session.ensureFeature': ({ feature }) => host.ensureFeature(feature),
    'session.signOut': () => host.signOut(),
    'devices.window': (request) => host.devices.window(request),
    'devices.facets': () => host.devices.facets(),
    'devices.categories': () => host.devices.categories(),
    'devices.detail': ({ id, live }) => host.details.detail(id, live),
    'devices.mine': () => host.devices.mine(),
    'devices.exportCsv': (request) => host.exports.exportCsv(request),
    'devices.runAction': ({ id, action }) => host.actions.run(id, action),
    'sync.state': () => host.syncState(),
    'sync.start': ({ kind }) => host.startSync(kind),
    'sync.cancel': () => host.cancelSync(),
    'activity.list': async ({ limit }) => host.activity.list(limit ?? 100),
    'settings.get': async () => host.settings.get(),
    'settings.update': async (change) => host.updateSettings(change),
  };
}
