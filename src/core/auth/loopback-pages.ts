// What the system browser shows when MSAL's loopback server receives the answer. Static HTML:
// no script, no external resources, nothing from the response echoed back.

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>
  body { font: 16px/1.5 "Segoe UI", system-ui, sans-serif; color: #242424; background: #f5f5f5; margin: 0; }
  main { max-width: 32rem; margin: 15vh auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.12); }
  h1 { font-size: 1.25rem; margin: 0 0 .5rem; }
</style>
</head>
<body><main><h1>${title}</h1><p>${body}</p></main></body>
</html>`;

export const SIGN_IN_SUCCESS_PAGE = page('You are signed in to Intune Desk', 'You can close this tab and go back to Intune Desk.');

export const SIGN_IN_ERROR_PAGE = page('Sign-in to Intune Desk did not complete', 'Close this tab and go back to Intune Desk, which says what happened and how to try again.');
