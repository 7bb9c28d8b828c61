// $select: property names checked against the collection's declared type. Graph rejects a name
// the declared type lacks (even when derived types have it, and beta-only names on v1.0):
// "Parsing OData Select and Expand failed: Could not find a property named 'x' on type 'microsoft.graph.y'."
import type { StructuredType } from '../model/schema.ts';
import { badRequest } from './odata-error.ts';
import { findName } from './names.ts';

/** Canonical property names, or undefined for "everything" (`*` or an empty $select). */
export function parseSelectList(text: string, type: StructuredType): readonly string[] | undefined {
  const names: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (name === '*') return undefined;
    const canonical = findName(type.properties, name) ?? findName(type.navigation, name);
    if (canonical === undefined) {
      throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.${type.name}'.`);
    }
    if (!names.includes(canonical)) names.push(canonical);
  }
  return names.length === 0 ? undefined : names;
}

