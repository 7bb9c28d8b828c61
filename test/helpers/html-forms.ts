// Reads the forms out of a sign-in page the way a browser would submit them, so a test can
// walk the real pages without a browser. Enough HTML for the emulator's own pages, no more.

export interface HtmlForm {
  readonly action: string;
  readonly method: string;
  /** Hidden and text inputs with their current values. */
  readonly inputs: readonly { readonly name: string; readonly value: string; readonly type: string }[];
  /** Named submit buttons: each is a choice the person could click. */
  readonly buttons: readonly { readonly name: string; readonly value: string; readonly label: string }[];
}

export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(match[1] ?? '');
    const inner = match[2] ?? '';
    const inputs = [...inner.matchAll(/<input\b([^>]*)>/gi)]
      .map((m) => attributes(m[1] ?? ''))
      .filter((a) => a['name'] !== undefined)
      .map((a) => ({ name: a['name'] ?? '', value: a['value'] ?? '', type: (a['type'] ?? 'text').toLowerCase() }));
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)]
      .map((m) => ({ attrs: attributes(m[1] ?? ''), label: text(m[2] ?? '') }))
      .filter((b) => b.attrs['name'] !== undefined)
      .map((b) => ({ name: b.attrs['name'] ?? '', value: b.attrs['value'] ?? '', label: b.label }));
    forms.push({ action: attrs['action'] ?? '', method: (attrs['method'] ?? 'get').toUpperCase(), inputs, buttons });
  }
  return forms;
}

/** The fields a browser would send for `form` (inputs, plus the clicked button if any). */
export function formFields(form: HtmlForm, overrides: Readonly<Record<string, string>> = {}, clicked?: { readonly name: string; readonly value: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of form.inputs) if (input.type !== 'submit') fields[input.name] = input.value;
  if (clicked) fields[clicked.name] = clicked.value;
  return { ...fields, ...overrides };
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([a-zA-Z_:-]+)\s*=\s*"([^"]*)"/g)) out[(m[1] ?? '').toLowerCase()] = decodeEntities(m[2] ?? '');
  return out;
}

function text(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

export function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? '');
}
