// The fuses the hardening checklist asks for (../shared/electron/FACTS.md), as the config must
// set them and as the packaged binary must then carry them: one list, so the two checks cannot
// drift apart.
export const HARDENED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies Readonly<Record<string, boolean>>;
