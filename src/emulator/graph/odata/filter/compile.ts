// Turns a bound $filter into a plain JS predicate over stored records. A listing runs it
// over every device (100,000 in large demo tenants), so all the work that does not depend
// on the record happens here, once: literal conversion, case-insensitive patterns, fallbacks.
//
// The predicate is generated source (one function per filter): a tree of small closures is
// just as correct, but its call sites and property loads are shared by every filter the process
// ever runs, go megamorphic, and made 100,000-device scans 1.5-2.5x slower (odata.bench.ts). Only property names
// (JSON-quoted) and operators reach the source; every literal stays in the constants array `K`.
// Lambdas and paths into complex values, which are rare, run as closures called from it.
// Nothing allocates per record.
import type { Json } from '../../model/json.ts';
import type { Comparable, FilterExpression, PropertyAccess, TextFunction } from './expression.ts';
import { instantOf } from './instant.ts';
import type { ComparisonOperator } from './syntax.ts';

/** Stored properties of one record. */
export type RecordProps = { readonly [key: string]: Json | undefined };
export type RecordPredicate = (props: RecordProps) => boolean;

type Accessor = (root: RecordProps, element: Json | undefined) => Json | undefined;
type Test = (root: RecordProps, element: Json | undefined) => boolean;

export function compileFilter(expression: FilterExpression): RecordPredicate {
  const source = new PredicateSource();
  const body = source.test(expression);
  const temps = source.temps > 0 ? `let ${Array.from({ length: source.temps }, (_, i) => `t${i}`).join(', ')};` : '';
  const make = new Function('K', 'D', `return function matches(p) { ${temps} return ${body}; };`) as (constants: readonly unknown[], instant: typeof instantOf) => RecordPredicate;
  return make(source.constants, instantOf);
}

/** Builds the predicate's source; `constants` become `K` in it. */
class PredicateSource {
  readonly constants: unknown[] = [];
  temps = 0;

  test(e: FilterExpression): string {
    switch (e.kind) {
      case 'constant':
        return e.value ? 'true' : 'false';
      case 'logical':
        return `(${this.test(e.left)} ${e.op === 'and' ? '&&' : '||'} ${this.test(e.right)})`;
      case 'not':
        return `!${this.test(e.operand)}`;
      case 'compare':
        return this.compare(e.op, e.property, e.value);
      case 'in':
        return e.values.length === 0 ? 'false' : `(${e.values.map((v) => this.compare('eq', e.property, v)).join(' || ')})`;
      case 'text': {
        if (e.value === null) return 'false';
        const t = this.temp();
        return `(typeof (${t} = ${this.value(e.property)}) === "string" && ${this.constant(textPattern(e.fn, e.value))}.test(${t}))`;
      }
      case 'lambda':
        return `${this.constant(compileLambda(e.quantifier, e.collection, e.body))}(p, undefined)`;
      case 'unsupported':
        throw new Error(`unsupported filter clause reached the compiler: ${e.reason}`);
    }
  }

  private compare(op: ComparisonOperator, p: PropertyAccess, value: Comparable): string {
    const t = this.temp();
    const v = `(${t} = ${this.value(p)})`;
    if (value === null) {
      if (op === 'eq') return `(${v} === null || ${t} === undefined)`;
      if (op === 'ne') return `!(${v} === null || ${t} === undefined)`;
      return 'false';
    }
    if (op === 'eq' || op === 'ne') {
      const eq = this.equality(p, value, v, t);
      return op === 'eq' ? eq : `!${eq}`;
    }
    const js = { gt: '>', ge: '>=', lt: '<', le: '<=' }[op];
    switch (p.kind) {
      case 'number':
        return typeof value === 'number' ? `(typeof ${v} === "number" && ${t} ${js} ${this.constant(value)})` : 'false';
      case 'dateTime':
        return typeof value === 'number' ? `(typeof ${v} === "string" && D(${t}) ${js} ${this.constant(value)})` : 'false';
      case 'enum': {
        // Enums order by their underlying value, which follows declaration order.
        const index = new Map((p.enumMembers ?? []).map((m, i) => [m, i]));
        const target = typeof value === 'string' ? index.get(value) : undefined;
        if (target === undefined) return 'false';
        return `((${t} = ${this.constant(index)}.get(${this.value(p)})) !== undefined && ${t} ${js} ${target})`;
      }
      case 'boolean':
        return `(typeof ${v} === "boolean" && +${t} ${js} ${Number(value)})`;
      default:
        return `((typeof ${v} === "string" || typeof ${t} === "number") && ${t} ${js} ${this.constant(value)})`;
    }
  }

  /**
   * Equality as the service applies it. Strings and GUIDs compare case-insensitively: Intune's
   * store uses a case-insensitive collation, so `deviceName eq 'desktop-01'` finds DESKTOP-01 [U].
   */
  private equality(p: PropertyAccess, value: string | number | boolean, v: string, t: string): string {
    switch (p.kind) {
      case 'string':
      case 'guid': {
        const text = String(value);
        const pattern = new RegExp(`^${escapeRegExp(text)}$`, 'i');
        return `(typeof ${v} === "string" && ${t}.length === ${text.length} && (${t} === ${this.constant(text)} || ${this.constant(pattern)}.test(${t})))`;
      }
      case 'dateTime':
        return `(typeof ${v} === "string" && D(${t}) === ${this.constant(value)})`;
      default:
        return `(${v} === ${this.constant(value)})`;
    }
  }

  /** Source reading the property from record `p`, its fallback standing in for a missing value. */
  private value(p: PropertyAccess): string {
    if (p.fromElement || p.segments.length !== 1) return `${this.constant(accessorOf(p))}(p, undefined)`;
    const t = this.temp();
    return `((${t} = p[${JSON.stringify(p.segments[0])}]) === undefined ? ${this.constant(p.fallback)} : ${t})`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  private temp(): string {
    return `t${this.temps++}`;
  }
}

/** The closure form, used for lambda bodies (which read the current element). */
function compileClosure(e: FilterExpression): Test {
  switch (e.kind) {
    case 'constant': {
      const value = e.value;
      return () => value;
    }
    case 'logical': {
      const left = compileClosure(e.left);
      const right = compileClosure(e.right);
      return e.op === 'and' ? (r, el) => left(r, el) && right(r, el) : (r, el) => left(r, el) || right(r, el);
    }
    case 'not': {
      const operand = compileClosure(e.operand);
      return (r, el) => !operand(r, el);
    }
    case 'compare':
      return compileCompare(e.op, e.property, e.value);
    case 'in': {
      const tests = e.values.map((v) => compileCompare('eq', e.property, v));
      return (r, el) => {
        for (let i = 0; i < tests.length; i++) if ((tests[i] as Test)(r, el)) return true;
        return false;
      };
    }
    case 'text':
      return compileText(e.fn, e.property, e.value);
    case 'lambda':
      return compileLambda(e.quantifier, e.collection, e.body);
    case 'unsupported':
      // Callers decide what an unsupported clause means before compiling; reaching one is a bug.
      throw new Error(`unsupported filter clause reached the compiler: ${e.reason}`);
  }
}

function accessorOf(p: PropertyAccess): Accessor {
  const fallback = p.fallback;
  const segments = p.segments;
  if (!p.fromElement && segments.length === 1) {
    const name = segments[0] as string;
    return (r) => {
      const v = r[name];
      return v === undefined ? fallback : v;
    };
  }
  return (r, el) => {
    let v: unknown = p.fromElement ? el : r;
    for (let i = 0; i < segments.length; i++) {
      // A null complex value has null members, not their defaults.
      if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return null;
      v = (v as RecordProps)[segments[i] as string];
    }
    return v === undefined ? fallback : (v as Json);
  };
}

function compileCompare(op: ComparisonOperator, p: PropertyAccess, value: Comparable): Test {
  const get = accessorOf(p);
  if (value === null) {
    if (op === 'eq') return (r, el) => isNull(get(r, el));
    if (op === 'ne') return (r, el) => !isNull(get(r, el));
    return () => false;
  }
  const eq = equality(p, value, get);
  if (op === 'eq') return eq;
  if (op === 'ne') return (r, el) => !eq(r, el);
  const key = orderKey(p);
  const target = key(value);
  if (target === undefined) return () => false;
  switch (op) {
    case 'gt':
      return (r, el) => {
        const k = key(get(r, el));
        return k !== undefined && k > target;
      };
    case 'ge':
      return (r, el) => {
        const k = key(get(r, el));
        return k !== undefined && k >= target;
      };
    case 'lt':
      return (r, el) => {
        const k = key(get(r, el));
        return k !== undefined && k < target;
      };
    case 'le':
      return (r, el) => {
        const k = key(get(r, el));
        return k !== undefined && k <= target;
      };
  }
}

/** Equality as in PredicateSource.equality, for lambda bodies. */
function equality(p: PropertyAccess, value: string | number | boolean, get: Accessor): Test {
  switch (p.kind) {
    case 'string':
    case 'guid': {
      const text = String(value);
      const pattern = new RegExp(`^${escapeRegExp(text)}$`, 'i');
      const length = text.length;
      return (r, el) => {
        const v = get(r, el);
        return typeof v === 'string' && v.length === length && (v === text || pattern.test(v));
      };
    }
    case 'dateTime':
      return (r, el) => {
        const v = get(r, el);
        return typeof v === 'string' && instantOf(v) === value;
      };
    default:
      return (r, el) => get(r, el) === value;
  }
}

/** Maps a stored value (or literal) to something `<` orders correctly, or undefined if it has no order. */
function orderKey(p: PropertyAccess): (v: Json | undefined) => string | number | undefined {
  switch (p.kind) {
    case 'number':
      return (v) => (typeof v === 'number' ? v : undefined);
    case 'dateTime':
      return (v) => (typeof v === 'number' ? v : typeof v === 'string' ? instantOf(v) : undefined);
    case 'enum': {
      // Enums order by their underlying value, which follows declaration order.
      const index = new Map((p.enumMembers ?? []).map((m, i) => [m, i]));
      return (v) => (typeof v === 'string' ? index.get(v) : undefined);
    }
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? Number(v) : undefined);
    default:
      return (v) => (typeof v === 'string' || typeof v === 'number' ? v : undefined);
  }
}

function textPattern(fn: TextFunction, value: string): RegExp {
  const escaped = escapeRegExp(value);
  return new RegExp(fn === 'contains' ? escaped : fn === 'startswith' ? `^${escaped}` : `${escaped}$`, 'i');
}

function compileText(fn: TextFunction, p: PropertyAccess, value: string | null): Test {
  if (value === null) return () => false;
  const pattern = textPattern(fn, value);
  const get = accessorOf(p);
  return (r, el) => {
    const v = get(r, el);
    return typeof v === 'string' && pattern.test(v);
  };
}

function compileLambda(quantifier: 'any' | 'all', collection: PropertyAccess, body: FilterExpression | undefined): Test {
  const get = accessorOf({ ...collection, fallback: [] });
  if (!body) return (r, el) => {
    const items = get(r, el);
    return Array.isArray(items) && items.length > 0;
  };
  const test = compileClosure(body);
  return quantifier === 'any'
    ? (r) => {
        const items = get(r, undefined);
        if (!Array.isArray(items)) return false;
        for (let i = 0; i < items.length; i++) if (test(r, items[i] as Json)) return true;
        return false;
      }
    : (r) => {
        const items = get(r, undefined);
        if (!Array.isArray(items)) return true;
        for (let i = 0; i < items.length; i++) if (!test(r, items[i] as Json)) return false;
        return true;
      };
}

function isNull(v: Json | undefined): boolean {
  return v === null || v === undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
