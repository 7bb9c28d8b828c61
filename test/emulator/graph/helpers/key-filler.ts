// Turns a route's `{id}`s into real ids by listing each collection with a full-scope token,
// as a client would find them. Items must have a type on which the rest of the path exists.
// Ids handed out as "fresh" (for remote actions and deletes) are never handed out again,
// so each state-changing request gets its own entity.
import type { JsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../../src/emulator/graph/model/json.ts';
import type { GraphSession } from './graph-session.ts';
import type { Route, RouteKey } from './permission-routes.ts';

const MAX_PAGES = 3;
/** Device candidates tried for a remote action: one of each kind of device first. */
const MAX_CANDIDATES = 40;

export function typeOf(item: JsonObject, declared: string): string {
  const tag = item['@odata.type'];
  return typeof tag === 'string' ? tag.replace(/^#?microsoft\.graph\./, '') : declared;
}

/** What decides where a remote action applies: platform, supervision, enrollment, ownership, agent. */
function deviceKind(d: JsonObject): string {
  return ['operatingSystem', 'isSupervised', 'deviceEnrollmentType', 'managedDeviceOwnerType', 'managementAgent', 'deviceType']
    .map((k) => String(d[k] ?? ''))
    .concat(/^ipad/i.test(String(d['model'] ?? '')) ? 'iPad' : '', d['userPrincipalName'] ? 'user' : 'userless')
    .join('|');
}

export class KeyFiller {
  private readonly session: GraphSession;
  private readonly listings = new Map<string, Promise<readonly JsonObject[]>>();
  /** Ids given to a state-changing request; not used for anything else afterwards. */
  readonly consumed = new Set<string>();

  constructor(session: GraphSession) {
    this.session = session;
  }

  /** Every item of a collection (up to a few pages), listed once. */
  list(path: string): Promise<readonly JsonObject[]> {
    let found = this.listings.get(path);
    if (!found) {
      found = this.fetchAll(path);
      this.listings.set(path, found);
    }
    return found;
  }

  /** Forgets a listing, after the test added to or removed from that collection. */
  forget(path: string): void {
    this.listings.delete(path);
  }

  /**
   * Concrete paths for a route: every `{id}` but the last gets the first suitable item;
   * the last gets one (or, with `fresh`, several never-used candidates of different kinds).
   * Empty when a collection on the way holds no suitable item.
   */
  async paths(route: Route, options: { readonly fresh?: boolean } = {}): Promise<string[]> {
    let prefixes: string[] = [`/${route.version}`];
    const lastKey = Math.max(-1, ...route.keys.keys());
    for (let i = 0; i < route.segments.length; i++) {
      const segment = route.segments[i] as string;
      const key = route.keys.get(i);
      if (segment !== '{id}' || !key) {
        prefixes = prefixes.map((p) => `${p}/${segment}`);
        continue;
      }
      const base = prefixes[0] as string;
      const ids = await this.ids(base, key, i === lastKey && options.fresh === true);
      if (ids.length === 0) return [];
      prefixes = (i === lastKey ? ids : ids.slice(0, 1)).map((id) => `${base}/${id}`);
    }
    return prefixes;
  }

  /**
   * A path for a pattern the schema may not have (`/beta/devicemanagement/…/{id}/…`): each
   * `{id}` is an item of the listing before it where that listing works, else a made-up id.
   */
  async anyPath(version: string, pattern: string): Promise<string> {
    let path = `/${version}`;
    for (const segment of pattern.split('/').filter(Boolean)) {
      if (segment !== '{id}') {
        path += `/${segment}`;
        continue;
      }
      const items = await this.list(path).catch(() => []);
      path += `/${String(items[0]?.['id'] ?? '00000000-0000-4000-8000-000000000001')}`;
    }
    return path;
  }

  private async ids(collectionPath: string, key: RouteKey, fresh: boolean): Promise<string[]> {
    const items = (await this.list(collectionPath)).filter((item) => key.allowed.includes(typeOf(item, key.declared)) && !this.consumed.has(String(item['id'])));
    if (!fresh) return items.slice(0, 1).map((item) => String(item['id']));
    const byKind = new Map<string, JsonObject>();
    for (const item of items) if (!byKind.has(deviceKind(item))) byKind.set(deviceKind(item), item);
    const firsts = [...byKind.values()];
    const rest = items.filter((item) => !firsts.includes(item));
    return [...firsts, ...rest].slice(0, MAX_CANDIDATES).map((item) => String(item['id']));
  }

  private async fetchAll(path: string): Promise<readonly JsonObject[]> {
    const out: JsonObject[] = [];
    let next: string | undefined = path;
    for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
      const reply = await this.session.admin('GET', next);
      if (reply.status !== 200 || !isJsonObject(reply.json)) throw new Error(`Listing ${next} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      const value = reply.json['value'];
      if (Array.isArray(value)) out.push(...value.filter(isJsonObject));
      const link = reply.json['@odata.nextLink'];
      next = typeof link === 'string' ? link : undefined;
    }
    return out;
  }
}
