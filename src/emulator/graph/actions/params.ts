// Action bodies checked against the action's parameters in the schema, with the messages
// OData's parameter reader gives (ODataLib ODataParameterReaderCore / ReaderValidationUtils;
// "One or more parameters of the operation 'assignLicense' are missing from the request
// payload. The missing parameters are: removeLicenses." is a real Graph answer).
// Parameter names are exact; the action segment's case is the router's concern.
import type { Json, JsonObject } from '../model/json.ts';
import { isJsonObject } from '../model/json.ts';
import { intuneSchema } from '../model/schema.ts';
import type { BoundOperation, GraphVersion, TypeRef } from '../model/schema.ts';
import { enumMembers } from './enum-members.ts';

export type ParamResult = { readonly ok: true; readonly params: JsonObject } | { readonly ok: false; readonly message: string };

/**
 * Parameters declared Nullable="false" in the CSDL. The schema file keeps only names and
 * types, so the few that matter are listed here (FACTS §2 marks them non-null).
 */
const NON_NULLABLE: Readonly<Record<string, readonly string[]>> = {
  cleanWindowsDevice: ['keepUserData'],
  windowsDefenderScan: ['quickScan'],
  executeAction: ['actionName'],
};

/**
 * Parameters the docs show but the stored CSDL lacks. `obliterationBehavior` is in the
 * current wipe docs (FACTS §2 [U]); a client written from the docs must not get a 400 the
 * real service may not give.
 */
const DOCUMENTED_EXTRAS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  wipe: { obliterationBehavior: ['default', 'doNotObliterate', 'obliterateWithWarning', 'always', 'unknownFutureValue'] },
};

function literal(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function node(value: Json): string {
  if (Array.isArray(value)) return 'StartArray';
  if (isJsonObject(value)) return 'StartObject';
  return 'PrimitiveValue';
}

function qualified(name: string): string {
  return name.startsWith('Edm.') ? name : `microsoft.graph.${name}`;
}

/** Checks one value against a declared type; returns an OData-style message or undefined. */
export function checkParamValue(version: GraphVersion, ref: TypeRef, value: Json, name: string): string | undefined {
  if (ref.unverified || value === null) return undefined;
  if (ref.collection) {
    if (!Array.isArray(value)) return `An unexpected '${node(value)}' node was found when reading from the JSON reader. A 'StartArray' node was expected.`;
    for (const item of value) {
      const problem = item === null ? `A null value was found in the collection '${name}', whose items have the expected type '${qualified(ref.name)}'.` : checkParamValue(version, { ...ref, collection: false }, item, name);
      if (problem) return problem;
    }
    return undefined;
  }
  const members = enumMembers(version, ref.name);
  if (members) {
    if (typeof value !== 'string') return `Cannot convert the literal '${literal(value)}' to the expected type '${qualified(ref.name)}'.`;
    return members.includes(value) ? undefined : `Cannot convert the literal '${value}' to the expected type '${qualified(ref.name)}'.`;
  }
  if (ref.name.startsWith('Edm.')) {
    if (Array.isArray(value) || isJsonObject(value)) return `An unexpected '${node(value)}' node was found when reading from the JSON reader. A 'PrimitiveValue' node was expected.`;
    const problems = intuneSchema.checkValue(version, { name: ref.name, collection: false, unverified: false }, value, name);
    return problems.length === 0 ? undefined : `Cannot convert the literal '${literal(value)}' to the expected type '${ref.name}'.`;
  }
  const type = intuneSchema.type(version, ref.name);
  // A type the stored schema does not describe (windowsDeviceAccount) cannot be held to it.
  if (!type) return undefined;
  if (!isJsonObject(value)) return `An unexpected '${node(value)}' node was found when reading from the JSON reader. A 'StartObject' node was expected.`;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('@')) continue;
    const prop = type.properties.get(key);
    if (!prop) return `The property '${key}' does not exist on type '${qualified(type.name)}'. Make sure to only use property names that are defined by the type.`;
    const problem = checkParamValue(version, prop, inner, key);
    if (problem) return problem;
  }
  return undefined;
}

function nullNotAllowed(name: string, type: string): string {
  const t = `${qualified(type)}[Nullable=False]`;
  return `A null value was found for the property named '${name}', which has the expected type '${t}'. The expected type '${t}' does not allow null values.`;
}

/**
 * Reads an action body. `required` adds parameters the action cannot do without even where
 * the CSDL lets them be null (a rename needs a name); they are reported the same way.
 */
export function readParams(version: GraphVersion, op: BoundOperation, body: Json | undefined, required: readonly string[] = []): ParamResult {
  const given = body ?? {};
  if (!isJsonObject(given)) return { ok: false, message: `The request body for the operation '${op.name}' must be a JSON object of its parameters.` };
  const extras = DOCUMENTED_EXTRAS[op.name] ?? {};
  const nonNullable = NON_NULLABLE[op.name] ?? [];
  for (const [key, value] of Object.entries(given)) {
    if (key.startsWith('@')) continue;
    const ref = op.params.get(key);
    const extra = extras[key];
    if (!ref && !extra) return { ok: false, message: `The parameter '${key}' in the request payload is not a valid parameter for the operation '${op.name}'.` };
    if (value === null && nonNullable.includes(key)) return { ok: false, message: nullNotAllowed(key, ref?.name ?? 'Edm.String') };
    if (extra && value !== null && (typeof value !== 'string' || !extra.includes(value))) {
      return { ok: false, message: `Cannot convert the literal '${literal(value)}' to the expected type 'microsoft.graph.${key}'.` };
    }
    const problem = ref ? checkParamValue(version, ref, value, key) : undefined;
    if (problem) return { ok: false, message: problem };
  }
  const missing = [...new Set([...nonNullable, ...required])].filter((name) => given[name] === undefined || given[name] === null);
  if (missing.length > 0) {
    return { ok: false, message: `One or more parameters of the operation '${op.name}' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.` };
  }
  return { ok: true, params: given };
}
