// Replaces Fluent's useFluentProviderThemeStyleTag (vite.config.ts swaps the module at build
// time): the same class name and rule, written to a constructed sheet rather than a <style>
// element, which the window's CSP would block (see adopted-sheets.ts).
import { useInsertionEffect, useMemo } from 'react';
import { createCSSRuleFromTheme, fluentProviderClassNames, useId } from '@fluentui/react-components';
import type { FluentProviderState } from '@fluentui/react-components';
import { setThemeSheet } from './adopted-sheets.ts';

export function useFluentProviderThemeStyleTag(
  options: Pick<FluentProviderState, 'theme' | 'targetDocument'> & { rendererAttributes: Record<string, string> },
): { styleTagId: string; rule: string } {
  const styleTagId = useId(fluentProviderClassNames.root);
  const rule = useMemo(() => createCSSRuleFromTheme(`.${styleTagId}`, options.theme), [options.theme, styleTagId]);
  useInsertionEffect(() => {
    setThemeSheet(styleTagId, rule);
    return () => setThemeSheet(styleTagId, undefined);
  }, [styleTagId, rule]);
  return { styleTagId, rule };
}
