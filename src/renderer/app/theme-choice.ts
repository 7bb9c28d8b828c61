// Which Fluent theme the window wears: the setting, or for "system" the operating system's
// choice, where forced colors (Windows contrast themes) win over dark or light.
import type { ThemeName } from '../../shared/bridge/api.ts';

export type ResolvedTheme = 'light' | 'dark' | 'highContrast';

export interface SystemAppearance {
  readonly prefersDark: boolean;
  readonly forcedColors: boolean;
}

export function resolveTheme(setting: ThemeName | undefined, system: SystemAppearance): ResolvedTheme {
  switch (setting) {
    case 'light':
    case 'dark':
    case 'highContrast':
      return setting;
    case 'system':
    case undefined:
      if (system.forcedColors) return 'highContrast';
      return system.prefersDark ? 'dark' : 'light';
  }
}
