// Checks what Graph sent back: the OData envelope (@odata.context at our host and version,
// `value` arrays on lists) and every entity in it against intune-schema.json. Problems are
// collected, not thrown, so one run reports every mismatch it finds.
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion, TypeRef } from '../../../../src/emulator/graph/model/schema.ts';
import type { JsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../../src/emulator/graph/model/json.ts';
import type { GraphReply } from '../../../helpers/graph-call.ts';

/** Properties the beta schema has on a type and v1.0's does not (managedDevice.ownerType, …). */
export function betaOnlyProperties(typeName: string): readonly string[] {
  const beta = intuneSchema.type('beta', typeName);
  const v1 = intuneSchema.type('v1.0', typeName);
  if (!beta || !v1) return [];
  return [...beta.properties.keys()].filter((p) => !v1.properties.has(p));
}

/** An entity answer without its envelope annotation. */
export function entityOf(body: JsonObject | undefined): JsonObject {
  return Object.fromEntries(Object.entries(body ?? {}).filter(([k]) => k !== '@odata.context'));
}

export class ResponseCheck {
  readonly problems: string[] = [];
  /** Entities validated, per version and type. */
  readonly seen = new Map<string, number>();
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  get entityCount(): number {
    return [...this.seen.values()].reduce((a, b) => a + b, 0);
  }

  /** The envelope of a JSON answer: the context names our host and the version asked for. */
  envelope(version: GraphVersion, path: string, reply: GraphReply): JsonObject | undefined {
    if (!isJsonObject(reply.json)) {
      this.problems.push(`${path}: the ${reply.status} answer is not a JSON object: ${reply.text.slice(0, 120)}`);
      return undefined;
    }
    const context = reply.json['@odata.context'];
    const prefix = `${this.baseUrl}/${version}/$metadata#`;
    if (typeof context !== 'string' || !context.startsWith(prefix)) this.problems.push(`${path}: @odata.context ${JSON.stringify(context)} does not start with ${prefix}`);
    const next = reply.json['@odata.nextLink'];
    if (next !== undefined && (typeof next !== 'string' || !next.startsWith(`${this.baseUrl}/${version}/`))) this.problems.push(`${path}: @odata.nextLink ${JSON.stringify(next)} leaves ${this.baseUrl}/${version}/`);
    return reply.json;
  }

  /** A list answer: an envelope with a `value` array, each item an entity of `elementType`. */
  list(version: GraphVersion, path: string, reply: GraphReply, elementType: string, complete = true): readonly JsonObject[] {
    const body = this.envelope(version, path, reply);
    if (!body) return [];
    const value = body['value'];
    if (!Array.isArray(value)) {
      this.problems.push(`${path}: a list answer without a value array`);
      return [];
    }
    const items = value.filter(isJsonObject);
    if (items.length !== value.length) this.problems.push(`${path}: value holds something that is not an object`);
    items.forEach((item, i) => this.entity(version, `${path}[${i}]`, item, elementType, complete));
    return items;
  }

  /**
   * One entity (annotations aside) against its declared type; derived types come tagged.
   * Without $select Graph sends every property of the type, null where unset: `complete`
   * checks none is missing (which also shows beta answers carry the beta-only ones).
   */
  entity(version: GraphVersion, path: string, entity: JsonObject, declaredType: string, complete = true): void {
    this.problems.push(...intuneSchema.checkObject(version, declaredType, entity, path, true));
    const tag = entity['@odata.type'];
    const typeName = typeof tag === 'string' ? tag.replace(/^#?microsoft\.graph\./, '') : declaredType;
    const type = intuneSchema.type(version, typeName);
    if (complete && type) {
      const missing = [...type.properties.keys()].filter((p) => !(p in entity));
      if (missing.length > 0) this.problems.push(`${path}: ${typeName} lacks ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`);
    }
    this.seen.set(`${version} ${typeName}`, (this.seen.get(`${version} ${typeName}`) ?? 0) + 1);
  }

  /** A value of any declared type: an entity or complex object, a collection, a primitive. */
  value(version: GraphVersion, path: string, value: unknown, ref: TypeRef): void {
    if (ref.collection && Array.isArray(value)) {
      value.forEach((item, i) => this.value(version, `${path}[${i}]`, item, { ...ref, collection: false }));
      return;
    }
    if (intuneSchema.type(version, ref.name) && isJsonObject(value)) {
      this.entity(version, path, value, ref.name);
      return;
    }
    this.problems.push(...intuneSchema.checkValue(version, ref, value, path));
  }

  /** The problems, capped so a broken serializer does not bury the first ones. */
  report(limit = 25): string {
    const shown = this.problems.slice(0, limit).join('\n');
    return this.problems.length > limit ? `${shown}\n… and ${this.problems.length - limit} more` : shown;
  }
}
