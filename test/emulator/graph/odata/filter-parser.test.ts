import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFilterSyntax } from '../../../../src/emulator/graph/odata/filter/parser.ts';
import type { SyntaxNode } from '../../../../src/emulator/graph/odata/filter/syntax.ts';
import { assertBadRequest } from './helpers.ts';

/** A compact rendering of the tree, so precedence is visible in one string. */
function show(n: SyntaxNode): string {
  switch (n.kind) {
    case 'literal':
      return n.literal.type === 'null' ? 'null' : n.literal.type === 'typed' ? `${n.literal.typeName}'${n.literal.value}'` : `${n.literal.type}:${String(n.literal.value)}`;
    case 'path':
      return n.segments.join('/');
    case 'logical':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'compare':
      return `[${show(n.left)} ${n.op} ${show(n.right)}]`;
    case 'has':
      return `[${show(n.left)} has ${show(n.right)}]`;
    case 'in':
      return `[${show(n.operand)} in ${n.list.map(show).join('|')}]`;
    case 'not':
      return `not(${show(n.operand)})`;
    case 'call':
      return `${n.name}(${n.args.map(show).join(', ')})`;
    case 'lambda':
      return `${n.collection.join('/')}/${n.quantifier}(${n.variable ?? ''}${n.body ? `: ${show(n.body)}` : ''})`;
  }
}

const parse = (text: string): string => show(parseFilterSyntax(text));

describe('$filter parser: valid expressions', () => {
  it('reads comparisons with every operator', () => {
    for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le']) assert.equal(parse(`a ${op} 1`), `[a ${op} number:1]`);
  });

  it('gives and precedence over or, and keeps parentheses', () => {
    assert.equal(parse("a eq 1 or b eq 2 and c eq 3"), '([a eq number:1] or ([b eq number:2] and [c eq number:3]))');
    assert.equal(parse("(a eq 1 or b eq 2) and c eq 3"), '(([a eq number:1] or [b eq number:2]) and [c eq number:3])');
  });

  it('binds not tighter than comparison, as OData does', () => {
    assert.equal(parse('not a eq true'), '[not(a) eq boolean:true]');
    assert.equal(parse("not contains(deviceName,'x')"), 'not(contains(deviceName, string:x))');
  });

  it("unescapes '' inside string literals", () => {
    assert.equal(parse("deviceName eq 'O''Brien''s'"), "[deviceName eq string:O'Brien's]");
    assert.equal(parse("a eq ''"), '[a eq string:]');
  });

  it('reads numbers, booleans, null, GUIDs, dates and date-times', () => {
    assert.equal(parse('a eq -12.5e3'), '[a eq number:-12500]');
    assert.equal(parse('a eq true or b eq false or c eq null'), '(([a eq boolean:true] or [b eq boolean:false]) or [c eq null])');
    assert.equal(parse('a eq 0f8fad5b-d9cb-469f-a165-70867728950e'), '[a eq guid:0f8fad5b-d9cb-469f-a165-70867728950e]');
    assert.equal(parse('a eq deadbeef-d9cb-469f-a165-70867728950e'), '[a eq guid:deadbeef-d9cb-469f-a165-70867728950e]');
    assert.equal(parse('a gt 2024-05-01T10:00:00Z'), '[a gt dateTime:2024-05-01T10:00:00Z]');
    assert.equal(parse('a gt 2024-05-01T10:00:00.1234567+02:00'), '[a gt dateTime:2024-05-01T10:00:00.1234567+02:00]');
    assert.equal(parse('a gt 2024-05-01'), '[a gt date:2024-05-01]');
  });

  it('reads type-qualified enum literals', () => {
    assert.equal(parse("complianceState eq microsoft.graph.complianceState'compliant'"), "[complianceState eq microsoft.graph.complianceState'compliant']");
  });

  it('reads function calls, in-lists, paths and lambdas', () => {
    assert.equal(parse("startswith(deviceName, 'D')"), 'startswith(deviceName, string:D)');
    assert.equal(parse("os in ('a', 'b')"), '[os in string:a|string:b]');
    assert.equal(parse("hardwareInformation/serialNumber eq 'x'"), '[hardwareInformation/serialNumber eq string:x]');
    assert.equal(parse("roleScopeTagIds/any(t: t eq '0')"), 'roleScopeTagIds/any(t: [t eq string:0])');
    assert.equal(parse('usersLoggedOn/any()'), 'usersLoggedOn/any()');
  });

  it('records source spans of clauses', () => {
    const text = "a eq 1 and (b eq 'x' or c eq 2)";
    const root = parseFilterSyntax(text);
    assert.equal(root.kind, 'logical');
    if (root.kind !== 'logical') return;
    assert.equal(text.slice(root.left.start, root.left.end), 'a eq 1');
    assert.equal(text.slice(root.right.start, root.right.end), "(b eq 'x' or c eq 2)");
  });
});

describe('$filter parser: errors carry Graph messages and positions', () => {
  it('reports trailing tokens as a syntax error at their position', () => {
    assertBadRequest(() => parseFilterSyntax("deviceName eq 'a' 'b'"), "Syntax error at position 18 in 'deviceName eq 'a' 'b''.");
    assertBadRequest(() => parseFilterSyntax('a eq 1 b'), "Syntax error at position 7 in 'a eq 1 b'.");
  });

  it('reports a missing operand as "Expression expected"', () => {
    assertBadRequest(() => parseFilterSyntax('a eq'), "Expression expected at position 4 in 'a eq'.");
    assertBadRequest(() => parseFilterSyntax(''), "Expression expected at position 0 in ''.");
    assertBadRequest(() => parseFilterSyntax('a eq 1 and'), "Expression expected at position 10 in 'a eq 1 and'.");
  });

  it('reports an unclosed parenthesis', () => {
    assertBadRequest(() => parseFilterSyntax('(a eq 1'), "')' or operator expected at position 7 in '(a eq 1'.");
  });

  it('reports bad function argument lists', () => {
    assertBadRequest(() => parseFilterSyntax("contains(a 'x')"), "')' or ',' expected at position 11 in 'contains(a 'x')'.");
  });

  it('reports an unterminated string literal', () => {
    assertBadRequest(() => parseFilterSyntax("a eq 'abc"), "There is an unterminated string literal at position 9 in 'a eq 'abc'.");
  });

  it('reports an invalid character with its position', () => {
    assertBadRequest(() => parseFilterSyntax('a eq #1'), "Syntax error: character '#' is not valid at position 5 in 'a eq #1'.");
  });

  it('rejects a number run into a name', () => {
    assertBadRequest(() => parseFilterSyntax('a eq 12ab'), "Syntax error at position 7 in 'a eq 12ab'.");
  });

  it('rejects an in-list without parentheses', () => {
    assertBadRequest(() => parseFilterSyntax("a in 'x'"), "'(' expected at position 5 in 'a in 'x''.");
  });
});
