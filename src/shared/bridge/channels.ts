// The bridge's channels, as data: the preload and the harness client build window.intuneDesk
// from these lists, and the handler table must serve exactly these (a test checks both ways).
// A channel is "<namespace>.<method>"; events travel on "event.<name>".
import type { IntuneDeskApi } from './api.ts';

type Namespaces = Exclude<keyof IntuneDeskApi, 'on'>;

export const METHODS = {
  app: ['info'],
  tenants: ['setup', 'useDemo', 'connect', 'switchTo', 'remove'],
  session: ['state', 'signIn', 'ensureFeature', 'signOut'],
  devices: ['window', 'facets', 'categories', 'detail', 'mine', 'exportCsv', 'runAction'],
  sync: ['state', 'start', 'cancel'],
  activity: ['list'],
  settings: ['get', 'update'],
} as const satisfies { readonly [N in Namespaces]: readonly (keyof IntuneDeskApi[N])[] };

export const EVENTS = ['syncState', 'setupChanged', 'sessionChanged', 'settingsChanged'] as const satisfies readonly (keyof IntuneDeskApi['on'])[];

export type Namespace = keyof typeof METHODS;
export type MethodOf<N extends Namespace> = (typeof METHODS)[N][number];
export type Channel = { [N in Namespace]: `${N}.${MethodOf<N>}` }[Namespace];
export type EventName = (typeof EVENTS)[number];

/** Arguments and result of a channel, from the API's types. */
export type ArgsOf<C extends Channel> = C extends `${infer N extends Namespace}.${infer M}`
  ? M extends keyof IntuneDeskApi[N] ? IntuneDeskApi[N][M] extends (args: infer A) => Promise<unknown> ? A : never : never
  : never;
export type ResultOf<C extends Channel> = C extends `${infer N extends Namespace}.${infer M}`
  ? M extends keyof IntuneDeskApi[N] ? IntuneDeskApi[N][M] extends (args: never) => Promise<infer R> ? R : never : never
  : never;

export const CHANNELS: readonly Channel[] = Object.entries(METHODS).flatMap(([ns, methods]) => methods.map((m) => `${ns}.${m}` as Channel));

export function eventChannel(name: EventName): `event.${EventName}` {
  return `event.${name}`;
}
