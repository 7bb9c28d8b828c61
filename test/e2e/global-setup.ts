// Before the end-to-end run: the builds the app is served from (made when missing or stale), and
// the copy of the window's build the harnesses serve. The Electron build is made only where an
// Electron binary can run it.
import { ensureBuilds, snapshotRenderer } from './support/builds.ts';
import { electronBinary } from './support/electron-app.ts';
import { RENDERER_SNAPSHOT } from './support/harness-process.ts';

export default function globalSetup(): void {
  ensureBuilds({ electron: electronBinary() !== undefined });
  snapshotRenderer(RENDERER_SNAPSHOT);
}
