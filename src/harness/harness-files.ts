// Where the harness's own build goes: beside the window's build, never inside it.
import { fileURLToPath } from 'node:url';

export const HARNESS_DIST = fileURLToPath(new URL('../../dist/harness/', import.meta.url));
export const CLIENT_FILE = fileURLToPath(new URL('../../dist/harness/bridge-client.js', import.meta.url));
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
