// Where Intune Desk signs in and reads from when a profile says nothing else: the public cloud,
// with the app's own multi-tenant registration. The CLI and the desktop host use the same values.

/** Intune Desk's app registration (multi-tenant public client). */
export const INTUNE_DESK_CLIENT_ID = '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60';
export const DEFAULT_AUTHORITY_HOST = 'login.microsoftonline.com';
export const GRAPH_BASE_URL = 'https://graph.microsoft.com';
