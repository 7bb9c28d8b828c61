// The Fluent theme to wear: the setting, or the system's dark/light and forced-colors choice,
// followed live as the system changes.
import { useSyncExternalStore } from 'react';
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import type { ThemeName } from '../../shared/bridge/api.ts';
import { resolveTheme } from './theme-choice.ts';
import type { ResolvedTheme } from './theme-choice.ts';

const DARK = '(prefers-color-scheme: dark)';
const FORCED = '(forced-colors: active)';

function subscribe(onChange: () => void): () => void {
  const queries = [matchMedia(DARK), matchMedia(FORCED)];
  for (const q of queries) q.addEventListener('change', onChange);
  return () => queries.forEach((q) => q.removeEventListener('change', onChange));
}

const systemKey = (): string => `${matchMedia(DARK).matches ? 'dark' : 'light'}:${matchMedia(FORCED).matches ? 'forced' : 'normal'}`;

const THEMES: Readonly<Record<ResolvedTheme, Theme>> = { light: webLightTheme, dark: webDarkTheme, highContrast: teamsHighContrastTheme };

export function useAppearance(setting: ThemeName | undefined): { readonly name: ResolvedTheme; readonly theme: Theme } {
  const key = useSyncExternalStore(subscribe, systemKey);
  const name = resolveTheme(setting, { prefersDark: key.startsWith('dark'), forcedColors: key.endsWith('forced') });
  return { name, theme: THEMES[name] };
}
