// The headers every app:// response carries. The Content-Security-Policy allows the window our
// own scripts, styles, images and fonts and nothing else: no inline script, no eval, no network
// (the renderer reaches data only through the bridge), no frames, no forms, no plugins.
// Sent as a header rather than a <meta> tag, so it also covers frame-ancestors and applies
// before the document parses.

export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // 'self' in script-src is app://intune-desk, which serves only the packaged dist/renderer: no
  // JSONP endpoint and no user uploads, which is what Electronegativity's CSP evaluator warns of.
  headers['Content-Security-Policy'] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"; /* eng-disable CSP_GLOBAL_CHECK */
  return headers;
}

/** The policy text alone (the browser harness sends the same one). */
export const CONTENT_SECURITY_POLICY: string = securityHeaders()['Content-Security-Policy'] ?? '';
