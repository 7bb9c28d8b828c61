// Builds the window (src/renderer) into dist/renderer. The same files are served by the desktop
// app's app:// protocol and by the browser harness over http://127.0.0.1, so every URL in the
// output is relative (base './'), index.html holds no inline script or style (the CSP allows
// only 'self'), and nothing uses eval.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The UI benchmark's budget for the JavaScript the first paint needs (entry chunk and its static imports). */
const INITIAL_JS_BUDGET_KB_GZIP = 300;

interface ChunkSize {
  readonly fileName: string;
  readonly kbGzip: number;
  readonly initial: boolean;
}

/**
 * Prints the gzip size of the JavaScript loaded at start and of each lazily loaded chunk, and
 * fails the build when the start exceeds the budget: code splitting that quietly stops working
 * shows up here rather than as a slower window.
 */
function initialSizeReport(): Plugin {
  return {
    name: 'intune-desk:initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []));
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (fileName: string): void => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
      const sizes: ChunkSize[] = chunks
        .map((c) => ({ fileName: c.fileName, kbGzip: gzipSync(c.code, { level: 9 }).length / 1024, initial: initial.has(c.fileName) }))
        .sort((a, b) => Number(b.initial) - Number(a.initial) || b.kbGzip - a.kbGzip);
      const css = Object.values(bundle).filter((item) => item.type === 'asset' && item.fileName.endsWith('.css'));
      const cssKb = css.reduce((sum, item) => sum + (item.type === 'asset' ? gzipSync(item.source, { level: 9 }).length / 1024 : 0), 0);
      const initialKb = sizes.filter((s) => s.initial).reduce((sum, s) => sum + s.kbGzip, 0);
      const lazyKb = sizes.filter((s) => !s.initial).reduce((sum, s) => sum + s.kbGzip, 0);
      const lines = sizes.map((s) => `  ${s.initial ? 'initial' : 'lazy   '}  ${s.kbGzip.toFixed(1).padStart(7)} kB gzip  ${s.fileName}`);
      this.info(
        [
          'JavaScript by chunk:',
          ...lines,
          `initialJsKbGzip: ${initialKb.toFixed(1)} (budget ${INITIAL_JS_BUDGET_KB_GZIP}); lazy: ${lazyKb.toFixed(1)}; css: ${cssKb.toFixed(1)}`,
        ].join('\n'),
      );
      if (initialKb > INITIAL_JS_BUDGET_KB_GZIP) {
        this.error(`The JavaScript loaded at start is ${initialKb.toFixed(1)} kB gzip, over the ${INITIAL_JS_BUDGET_KB_GZIP} kB budget: load more of it lazily.`);
      }
    },
  };
}

/**
 * Swaps Fluent's FluentProvider theme style tag for src/renderer/app/styles/theme-sheet.ts, which
 * writes the same rule to a constructed style sheet: the CSP (style-src 'self') blocks the
 * <style> element Fluent would create (see src/renderer/app/styles/adopted-sheets.ts). Fails the
 * build when Fluent moves the module, so the swap cannot silently stop happening.
 */
function cspSafeFluentTheme(): Plugin {
  const fluentModule = /[\\/]@fluentui[\\/]react-provider[\\/]lib[\\/]components[\\/]FluentProvider[\\/]useFluentProviderThemeStyleTag\.js$/;
  const replacement = fromHere('./src/renderer/app/styles/theme-sheet.ts');
  let swapped = false;
  return {
    name: 'intune-desk:csp-safe-fluent-theme',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!fluentModule.test(id)) return null;
      swapped = true;
      return `export { useFluentProviderThemeStyleTag } from ${JSON.stringify(replacement)};`;
    },
    buildEnd(error) {
      if (error === undefined && !swapped) {
        this.error("Fluent's useFluentProviderThemeStyleTag module was not found: update cspSafeFluentTheme in vite.config.ts, or the theme will be blocked by the CSP.");
      }
    },
  };
}

export default defineConfig({
  root: fromHere('./src/renderer'),
  // Relative URLs resolve against index.html, so the build works from app://intune-desk/ and
  // from http://127.0.0.1:P/ alike.
  base: './',
  publicDir: fromHere('./src/renderer/public'),
  plugins: [cspSafeFluentTheme(), react(), initialSizeReport()],
  logLevel: 'info',
  build: {
    outDir: fromHere('./dist/renderer'),
    emptyOutDir: true,
    // Electron 45 is Chromium 142; the harness drives Debian's Chromium, newer still.
    target: 'chrome130',
    // Chromium supports <link rel=modulepreload>; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    sourcemap: true,
    // The report above says the same, with the budget that matters.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
});
