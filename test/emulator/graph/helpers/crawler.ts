// Walks everything a client can GET in one API version, starting at the two singletons and
// following every navigation property the schema declares: lists (up to a few pages), a
// sample of single entities, their navigation collections and single-valued navigations.
// Each answer goes to a ResponseCheck; the patterns visited are kept so the test can show
// every readable permission-map row was reached.
import type { JsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphSession } from './graph-session.ts';
import { typeOf } from './key-filler.ts';
import type { ResponseCheck } from './response-check.ts';

const MAX_PAGES = 3;
/** Entities deeper than this many segments are checked but not walked further (detectedApps → devices → …). */
const MAX_WALK_DEPTH = 5;
/** Directory types Graph serves outside Intune; the demo tenant does not. */
const DIRECTORY_TYPES = new Set(['user']);

/** `/deviceManagement/managedDevices/0d…/deviceCategory` → `/devicemanagement/manageddevices/{id}/devicecategory`. */
export function patternOf(path: string, keys: ReadonlySet<string>): string {
  return path.split('?')[0]?.split('/').map((s) => (keys.has(s) ? '{id}' : s.toLowerCase())).join('/') ?? '';
}

/** A few items to open one by one: the first ones, and the first of each type and platform. */
function sample(items: readonly JsonObject[], declared: string, depth: number): readonly JsonObject[] {
  const picked = new Map<string, JsonObject>();
  items.slice(0, depth > 2 ? 2 : 3).forEach((item, i) => picked.set(`first ${i}`, item));
  for (const item of items) {
    const kind = `${typeOf(item, declared)} ${String(item['operatingSystem'] ?? '')}`;
    if (!picked.has(kind)) picked.set(kind, item);
  }
  return [...new Set(picked.values())];
}

export class Crawler {
  private readonly session: GraphSession;
  private readonly check: ResponseCheck;
  readonly version: GraphVersion;
  /** Ids met on the way, to turn visited paths into permission-map patterns. */
  readonly ids = new Set<string>();
  readonly visited = new Set<string>();
  requests = 0;

  constructor(session: GraphSession, check: ResponseCheck, version: GraphVersion) {
    this.session = session;
    this.check = check;
    this.version = version;
  }

  patterns(): ReadonlySet<string> {
    return new Set([...this.visited].map((p) => patternOf(p, this.ids)));
  }

  async singleton(name: 'deviceManagement' | 'deviceAppManagement'): Promise<void> {
    await this.entity(`/${name}`, name, true);
  }

  private async get(path: string): Promise<ReturnType<GraphSession['admin']>> {
    this.requests++;
    this.visited.add(path);
    return this.session.admin('GET', `/${this.version}${path}`);
  }

  /** A single entity; `required` ones must answer 200, optional references may be absent (400/404). */
  private async entity(path: string, declaredType: string, required: boolean): Promise<void> {
    const reply = await this.get(path);
    if (reply.status !== 200) {
      if (required || ![400, 404].includes(reply.status)) this.check.problems.push(`GET ${this.version}${path}: ${reply.status} ${reply.text.slice(0, 160)}`);
      return;
    }
    const body = this.check.envelope(this.version, path, reply);
    if (!body) return;
    const entity = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '@odata.context'));
    this.check.entity(this.version, path, entity, declaredType);
    if (typeof entity['id'] === 'string') this.ids.add(entity['id']);
    if (path.split('/').length - 1 <= MAX_WALK_DEPTH) await this.navigations(path, typeOf(entity, declaredType));
  }

  private async navigations(path: string, typeName: string): Promise<void> {
    const type = intuneSchema.type(this.version, typeName);
    for (const [name, ref] of type?.navigation ?? []) {
      if (DIRECTORY_TYPES.has(ref.name)) continue;
      if (!intuneSchema.type(this.version, ref.name)) {
        // A type the extract lacks: a collection of it is listed empty, a single one is absent.
        if (ref.collection) await this.emptyCollection(`${path}/${name}`);
        continue;
      }
      // Devices are paged small, so following @odata.nextLink is part of the walk.
      if (ref.collection) await this.collection(`${path}/${name}`, ref.name, name === 'managedDevices' ? '?$top=100' : '');
      else await this.entity(`${path}/${name}`, ref.name, false);
    }
  }

  /** A list: every page's envelope and items, then a sample of items opened one by one. */
  async collection(path: string, elementType: string, query = ''): Promise<readonly JsonObject[]> {
    const items: JsonObject[] = [];
    let next: string | undefined = `${path}${query}`;
    for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
      const reply = await this.get(next.replace(`${this.session.baseUrl}/${this.version}`, ''));
      if (reply.status !== 200) {
        this.check.problems.push(`GET ${this.version}${next}: ${reply.status} ${reply.text.slice(0, 160)}`);
        return items;
      }
      items.push(...this.check.list(this.version, next, reply, elementType));
      const link = isJsonObject(reply.json) ? reply.json['@odata.nextLink'] : undefined;
      next = typeof link === 'string' ? link : undefined;
    }
    for (const item of items) if (typeof item['id'] === 'string') this.ids.add(item['id']);
    const depth = path.split('/').length - 1;
    for (const item of sample(items, elementType, depth)) await this.entity(`${path}/${String(item['id'])}`, elementType, true);
    return items;
  }

  private async emptyCollection(path: string): Promise<void> {
    const reply = await this.get(path);
    const body = reply.status === 200 ? this.check.envelope(this.version, path, reply) : undefined;
    if (!body || !Array.isArray(body['value']) || body['value'].length > 0) {
      this.check.problems.push(`GET ${this.version}${path}: a collection of a type outside the schema should list nothing, got ${reply.status} ${reply.text.slice(0, 160)}`);
    }
  }
}
