// The JavaScript the window loads before its first paint, gzipped: index.html's module scripts
// and modulepreload links, and every module they import statically, followed through the built
// files. Lazily loaded chunks (import()) are left out, as is the browser harness's bridge client,
// which the harness adds when it serves the page and the app never ships.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJs {
  readonly kbGzip: number;
  /** The files counted, relative to the build folder, with their gzip size in kB. */
  readonly files: readonly { readonly file: string; readonly kbGzip: number }[];
}

/** `<script type="module" src>` and `<link rel="modulepreload" href>` in index.html. */
export function entryScripts(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string): string | undefined => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag) && attr('type') === 'module' && attr('src') !== undefined) out.push(attr('src') as string);
    if (/^<link/i.test(tag) && attr('rel') === 'modulepreload' && attr('href') !== undefined) out.push(attr('href') as string);
  }
  return out;
}

/**
 * Specifiers of a built module's static imports and re-exports (`import{a}from"./x.js"`,
 * `import"./x.js"`, `export*from"./x.js"`); `import("./x.js")` is lazy and not matched.
 */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  const pattern = /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1] !== undefined) out.push(match[1]);
  return out;
}

export function initialJs(buildDir: string): InitialJs {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) throw new Error(`${relative(buildDir, file)} imports "${specifier}", which the build should have bundled.`);
      visit(specifier.startsWith('/') ? join(buildDir, specifier) : resolve(dirname(file), specifier));
    }
  };
  for (const src of entryScripts(html)) {
    if (/^[a-z]+:/i.test(src)) throw new Error(`index.html loads ${src} from elsewhere; the window must load only its own files.`);
    visit(src.startsWith('/') ? join(buildDir, src) : resolve(buildDir, src));
  }
  if (seen.size === 0) throw new Error(`${join(buildDir, 'index.html')} loads no module script.`);
  const files = [...seen].map((file) => ({ file: relative(buildDir, file), kbGzip: gzipSync(readFileSync(file), { level: 9 }).length / 1024 }));
  return { kbGzip: files.reduce((sum, f) => sum + f.kbGzip, 0), files };
}
