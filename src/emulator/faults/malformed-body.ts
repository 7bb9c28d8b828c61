// A page body cut short, as a broken proxy or a crashed back end leaves it: the client
// gets a complete 200 response whose JSON does not parse.

/** Where the cut falls: inside the `value` array of any realistic page. */
const KEEP_FRACTION = 0.6;

/** Deterministic (same input, same output) and guaranteed not to parse as JSON. */
export function malformBody(json: string): string {
  // Without the trailing whitespace a prefix of an object can never close it.
  const text = json.trimEnd();
  const cut = text.slice(0, Math.max(1, Math.floor(text.length * KEEP_FRACTION)));
  // Tiny or odd inputs ("12", "") can leave a prefix that still parses; a valid JSON text
  // followed by a comma never does.
  return parses(cut) || cut.length === 0 ? `${cut},` : cut;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
