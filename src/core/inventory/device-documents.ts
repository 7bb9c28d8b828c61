// The full device, as Graph sent it, stored as what makes it different from a typical device.
//
// A beta managedDevice is about 3.5 kB of JSON. Half of that is the same 80-odd property names
// on every device, most values are the same on most devices (nulls, defaults,
// "0001-01-01T00:00:00Z"), and the largest value, Windows' deviceHealthAttestationState, is an
// object of 38 mostly constant properties. So each device is stored against a "shape", kept
// once in document_shapes: the property names in order and which of them hold objects (so
// Windows PCs and phones get shapes of their own), plus a template holding, for each property,
// the value most devices of that shape in the first batch had (for an object-valued property,
// an object of its most common values). A device is then the list of what differs:
//   [position, value]                  the value, whole;
//   [-(position + 1), [k, v, …]]       an object shaped like the template's: only its keys k
//                                      whose value differs (k its position), then the value.
// Decoding rebuilds the same properties, in the same order, with the same values. On 100,000
// generated devices this is about a quarter of the JSON's bytes, and writing bytes is most of
// what storing documents costs (bench/inventory.bench.ts).
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export interface EncodedDocument {
  readonly shape: number;
  readonly body: string;
}

type Plain = Readonly<Record<string, unknown>>;

interface Shape {
  readonly id: number;
  readonly keys: readonly string[];
  /** Positions holding an object, joined: part of what makes the shape. */
  readonly objects: string;
  readonly template: readonly unknown[];
  /** For each position whose template is an object: that object's keys, in order… */
  readonly nestedKeys: readonly (readonly string[] | undefined)[];
  /** …and its values, in the same order. */
  readonly nestedTemplate: readonly (readonly unknown[] | undefined)[];
}

/** Shapes for one connection. Shapes are only ever added, so a cached one never goes stale. */
export class DocumentShapes {
  private readonly bySignature = new Map<string, Shape>();
  private readonly byId = new Map<number, Shape>();
  /** Shapes by which positions hold objects, for knownShape(). */
  private readonly byObjects = new Map<string, Shape[]>();
  private last: Shape | undefined;
  private readonly insert: StatementSync;
  private readonly select: StatementSync;
  private readonly selectById: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare('INSERT INTO document_shapes(signature, keys, template) VALUES (?, ?, ?) ON CONFLICT(signature) DO NOTHING');
    this.select = db.prepare('SELECT id, keys, signature, template FROM document_shapes WHERE signature = ?');
    this.selectById = db.prepare('SELECT id, keys, signature, template FROM document_shapes WHERE id = ?');
  }

  /**
   * Call inside a write transaction. A batch (a Graph page) is encoded together so that a new
   * shape's template can be the most common value of each property across the batch.
   */
  encodeAll(documents: readonly object[]): EncodedDocument[] {
    const out: EncodedDocument[] = new Array<EncodedDocument>(documents.length);
    // Taken apart all at once only when a new shape needs the batch's typical values.
    let batch: Parsed[] | undefined;
    for (let d = 0; d < documents.length; d++) {
      const parsed = batch?.[d] ?? takeApart(documents[d] as Plain);
      let shape = this.knownShape(parsed);
      if (!shape) {
        const all = (batch ??= documents.map((document) => takeApart(document as Plain)));
        shape = this.shapeOf(parsed, () => typicalValues(parsed, all));
      }
      out[d] = { shape: shape.id, body: JSON.stringify(differences(parsed.values, shape)) };
    }
    return out;
  }

  decode<T>(shapeId: number, body: string): T {
    const shape = this.shapeById(shapeId);
    const { keys, template } = shape;
    const values: unknown[] = new Array<unknown>(keys.length);
    for (let i = 0; i < template.length; i++) values[i] = copyOfTypical(template[i]);
    const changes = JSON.parse(body) as unknown[];
    for (let c = 0; c < changes.length; c += 2) {
      const at = changes[c] as number;
      if (at >= 0) {
        values[at] = changes[c + 1];
        continue;
      }
      const position = -at - 1;
      const nestedKeys = shape.nestedKeys[position] as readonly string[];
      const nested: unknown[] = (shape.nestedTemplate[position] as readonly unknown[]).map(copyOfTypical);
      const nestedChanges = changes[c + 1] as unknown[];
      for (let n = 0; n < nestedChanges.length; n += 2) nested[nestedChanges[n] as number] = nestedChanges[n + 1];
      values[position] = zip(nestedKeys, nested);
    }
    return zip(keys, values) as T;
  }

  /** After a rollback: a shape inserted by the rolled-back transaction no longer exists. */
  forget(): void {
    this.bySignature.clear();
    this.byId.clear();
    this.byObjects.clear();
    this.last = undefined;
  }

  /**
   * A shape already held that fits, without building the signature: a fleet mixes a few shapes
   * (PCs and phones), so devices alternate between them, and spelling out 80-odd names per
   * device to look one up cost more than the rest of the encoding.
   */
  private knownShape(parsed: Parsed): Shape | undefined {
    const last = this.last;
    if (last && last.objects === parsed.objects && sameKeys(parsed.keys, last.keys)) return last;
    const candidates = this.byObjects.get(parsed.objects);
    if (!candidates) return undefined;
    for (const shape of candidates) {
      if (sameKeys(parsed.keys, shape.keys)) {
        this.last = shape;
        return shape;
      }
    }
    return undefined;
  }

  private shapeOf(parsed: Parsed, template: () => readonly unknown[]): Shape {
    const known = this.knownShape(parsed);
    if (known) return known;
    const keys = JSON.stringify(parsed.keys);
    const signature = `${keys}|${parsed.objects}`;
    let shape = this.bySignature.get(signature);
    if (!shape) {
      this.insert.run(signature, keys, JSON.stringify(template()));
      // Another connection may have made this shape first: its template is the one to use.
      shape = this.remember(this.select.get(signature) as unknown as StoredShape);
    }
    this.last = shape;
    return shape;
  }

  private shapeById(id: number): Shape {
    const known = this.byId.get(id);
    if (known) return known;
    const stored = this.selectById.get(id) as StoredShape | undefined;
    if (!stored) throw new Error(`document shape ${id} is missing`);
    return this.remember(stored);
  }

  private remember(stored: StoredShape): Shape {
    const template = JSON.parse(stored.template) as unknown[];
    const shape: Shape = {
      id: Number(stored.id),
      keys: JSON.parse(stored.keys) as string[],
      objects: stored.signature.slice(stored.signature.lastIndexOf('|') + 1),
      template,
      nestedKeys: template.map((t) => (isPlainObject(t) ? Object.keys(t) : undefined)),
      nestedTemplate: template.map((t) => (isPlainObject(t) ? Object.values(t) : undefined)),
    };
    this.bySignature.set(stored.signature, shape);
    this.byId.set(shape.id, shape);
    const alike = this.byObjects.get(shape.objects);
    if (alike) alike.push(shape);
    else this.byObjects.set(shape.objects, [shape]);
    return shape;
  }
}

interface StoredShape {
  readonly id: number | bigint;
  readonly keys: string;
  readonly signature: string;
  readonly template: string;
}

/** One document taken apart: its names, its values, and which positions hold objects. */
interface Parsed {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  readonly objects: string;
}

/** A document's names and values (JSON has no undefined: a property holding it is left out). */
function takeApart(source: Plain): Parsed {
  let keys = Object.keys(source);
  let values = Object.values(source);
  if (values.includes(undefined)) {
    keys = keys.filter((_, i) => values[i] !== undefined);
    values = values.filter((v) => v !== undefined);
  }
  let objects = '';
  for (let i = 0; i < values.length; i++) if (isPlainObject(values[i])) objects += `${i},`;
  return { keys, values, objects };
}

/** The flat list of changes from the shape's template (see the top of this file). */
function differences(values: readonly unknown[], shape: Shape): unknown[] {
  const template = shape.template;
  const changes: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const usual = template[i];
    if (value === usual || (isEmptyList(value) && isEmptyList(usual))) continue;
    const nestedKeys = shape.nestedKeys[i];
    if (nestedKeys !== undefined && isPlainObject(value)) {
      const valueKeys = Object.keys(value);
      if (sameKeys(valueKeys, nestedKeys)) {
        const nestedValues = Object.values(value);
        const nestedUsual = shape.nestedTemplate[i] as readonly unknown[];
        const nested: unknown[] = [];
        for (let k = 0; k < nestedValues.length; k++) {
          const v = nestedValues[k];
          const u = nestedUsual[k];
          if (v !== u && !(isEmptyList(v) && isEmptyList(u))) nested.push(k, v);
        }
        changes.push(-i - 1, nested);
        continue;
      }
    }
    changes.push(i, value);
  }
  return changes;
}

/**
 * For each property of a new shape, what most of the batch's documents of that shape hold:
 * a scalar, an empty list, or (for objects) an object of the most common value of each of its
 * properties among the objects with the same keys. Anything else is stored with each document.
 */
function typicalValues(shape: Parsed, batch: readonly Parsed[]): unknown[] {
  const same = batch.filter((p) => p.objects === shape.objects && sameKeys(p.keys, shape.keys)).map((p) => p.values);
  return shape.keys.map((_, i) => {
    const column = same.map((values) => values[i]);
    const usual = mostCommon(column);
    if (usual !== NO_VALUE) return usual;
    // Objects: the most common object shape, then the most common value of each of its properties.
    const objects = column.filter(isPlainObject);
    const first = objects[0];
    if (!first) return null;
    const nestedKeys = Object.keys(first);
    const alike = objects.filter((o) => sameKeys(Object.keys(o), nestedKeys));
    if (alike.length * 2 < column.length) return null;
    const typical: Record<string, unknown> = {};
    for (const key of nestedKeys) {
      const value = mostCommon(alike.map((o) => o[key]));
      typical[key] = value === NO_VALUE ? null : value;
    }
    return typical;
  });
}

const NO_VALUE = Symbol('no shareable value');
const EMPTY_LIST: readonly unknown[] = [];

/** The most common scalar or empty list, or NO_VALUE when objects and lists are the norm. */
function mostCommon(values: readonly unknown[]): unknown {
  const counts = new Map<unknown, number>();
  let objects = 0;
  for (const value of values) {
    const key = isEmptyList(value) ? EMPTY_LIST : value;
    if (key !== null && typeof key === 'object' && key !== EMPTY_LIST) {
      objects++;
      continue;
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: unknown = NO_VALUE;
  let most = 0;
  for (const [value, n] of counts) if (n > most) [best, most] = [value, n];
  if (objects > most) return NO_VALUE;
  return best === EMPTY_LIST ? [] : best;
}

/** A template value for one document: lists fresh (only empty ones are shared), the rest as is. */
function copyOfTypical(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (isPlainObject(value)) return null; // Never used as is: objects always come with their changes.
  return value;
}

function zip(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) out[keys[i] as string] = values[i];
  return out;
}

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
