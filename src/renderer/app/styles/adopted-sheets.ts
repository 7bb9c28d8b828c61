// The window's style sheets, as constructed sheets in document.adoptedStyleSheets: the Fluent
// theme's variables first, then Griffel's rule buckets in Griffel's order.
//
// Why: the CSP allows styles only from 'self'. Chromium gives an inline <style> element no sheet
// under that policy (and reports a violation), and Fluent writes all of its CSS into <style>
// elements. Constructed sheets are not inline styles, so the policy keeps out injected markup
// while the app's own CSS-in-JS still applies.

const themeSheets = new Map<string, CSSStyleSheet>();
let ruleSheets: readonly CSSStyleSheet[] = [];
const ours = new Set<CSSStyleSheet>();

function publish(): void {
  // Sheets adopted by anyone else (none today) keep their place in front.
  const others = document.adoptedStyleSheets.filter((s) => !ours.has(s));
  document.adoptedStyleSheets = [...others, ...themeSheets.values(), ...ruleSheets];
}

/** Sets (or with undefined, removes) the theme variables of one FluentProvider. */
export function setThemeSheet(key: string, cssRule: string | undefined): void {
  const old = themeSheets.get(key);
  if (old !== undefined) ours.delete(old);
  themeSheets.delete(key);
  if (cssRule !== undefined) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssRule);
    themeSheets.set(key, sheet);
    ours.add(sheet);
  }
  publish();
}

/** Griffel's buckets, in the order their rules must cascade. */
export function setRuleSheets(sheets: readonly CSSStyleSheet[]): void {
  for (const s of ruleSheets) ours.delete(s);
  ruleSheets = sheets;
  for (const s of sheets) ours.add(s);
  publish();
}
