// A page of a Graph collection as it came: its bytes, not yet decoded or parsed. A full sync
// hands these to the inventory's writer threads, which decode, parse, check and store them
// there: decoding and parsing 3.5 MB of JSON per page is the largest single cost of a sync, and
// the thread that talks to Graph only needs the page's link to the next one. Bytes, not text,
// because bytes move to another thread without a copy and a string does not.
//
// That link is read from the annotations before the "value" list, where Graph writes them as
// plain scalars, decoding only those few bytes. The reading is strict: anything it cannot be
// sure of (an annotation that is not a scalar, a member other than annotations before the list,
// no link before the list) makes it give up, and the page is parsed whole instead, as the last
// page of a list always is. What comes after the list is not read: whoever parses the page later
// checks that its link is the one read here (readRawPage), so a page that names a second link
// after its devices is refused rather than half followed.
import { ProblemError } from '../problem.ts';
import type { GraphPage } from './page.ts';
import { readPage } from './page.ts';
import { malformedProblem } from './problems.ts';

export interface RawPage {
  /** The body, UTF-8 JSON. */
  readonly bytes: Uint8Array;
  /** `@odata.nextLink`, exactly as the service sent it. */
  readonly nextLink?: string;
  /** For a Problem about this page: support traces it by these. */
  readonly clientRequestId: string;
  readonly requestId?: string;
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const SCALAR = String.raw`(?:${STRING}|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|null|true|false)`;
const ANNOTATION = String.raw`\s*"@[^"\\]*"\s*:\s*${SCALAR}\s*`;
/** `{`, annotations each followed by a comma, then the list opening: everything before the devices. */
const HEAD = new RegExp(String.raw`^\s*\{((?:${ANNOTATION},)*)\s*"value"\s*:\s*\[$`);
const PAIR = new RegExp(String.raw`"(@[^"\\]*)"\s*:\s*(${SCALAR})`, 'g');
const OPEN = 0x5b; // [

/**
 * The next link the page declares before its devices: `{ nextLink }` (undefined when it declares
 * null), or undefined when the page is not in the plain form this reading can be sure of.
 */
export function peekNextLink(bytes: Uint8Array): { readonly nextLink: string | undefined } | undefined {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Cut at the first ASCII bracket, which never falls inside a UTF-8 sequence; a bracket inside
  // an annotation's string cuts in the wrong place, and the strict reading then gives up.
  const open = body.indexOf(OPEN);
  if (open < 0) return undefined;
  const head = HEAD.exec(body.toString('utf8', 0, open + 1));
  if (!head) return undefined;
  const found = [...(head[1] ?? '').matchAll(PAIR)].filter(([, name]) => name === '@odata.nextLink').map(([, , value]) => value as string);
  // None: it may come after the devices. Twice: JSON.parse would keep the last; not a guess worth making.
  if (found.length !== 1) return undefined;
  const raw = found[0] as string;
  if (raw === 'null') return { nextLink: undefined };
  if (!raw.startsWith('"')) return undefined;
  return { nextLink: JSON.parse(raw) as string };
}

/**
 * The page, decoded, parsed and checked as GraphClient.pages() checks a page, and its link
 * checked against the one it was followed by. Throws a `malformedResponse` Problem.
 */
export function readRawPage<T>(page: RawPage): GraphPage<T> {
  const ids = { clientRequestId: page.clientRequestId, ...(page.requestId === undefined ? {} : { requestId: page.requestId }) };
  const text = Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength).toString('utf8');
  const reading = readPage<T>(text);
  if (!reading.ok) throw new ProblemError(malformedProblem(reading.reason, ids));
  if (reading.page.nextLink !== page.nextLink) throw new ProblemError(malformedProblem("the page's link to the next page was read two different ways", ids));
  return reading.page;
}
