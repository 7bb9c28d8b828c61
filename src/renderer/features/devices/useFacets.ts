// Counts for the filter chips: devices by OS, compliance and ownership (devices.facets), the
// categories (devices.categories), and how many are stale for more than N days (a one-row
// window with that filter: its total is the exact count for any N). Read again after a sync.
// Asked for only once the grid's first rows are in: the host answers one request at a time, and
// counting 100,000 devices before the first rows would hold the rows back.
import { useEffect, useState } from 'react';
import type { DeviceFacets, Problem } from '../../../shared/bridge/api.ts';
import { call } from '../../bridge/bridge.ts';

export interface FacetState {
  readonly facets: DeviceFacets | undefined;
  readonly categories: readonly string[];
  readonly staleCount: number | undefined;
  readonly problem: Problem | undefined;
}

export function useFacets(staleDays: number, dataVersion: number, rowsShown: boolean): FacetState & { readonly reload: () => void } {
  const [state, setState] = useState<FacetState>({ facets: undefined, categories: [], staleCount: undefined, problem: undefined });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!rowsShown) return undefined;
    let current = true;
    void Promise.all([
      call((api) => api.devices.facets({ staleDays })),
      call((api) => api.devices.categories({})),
      call((api) => api.devices.window({ offset: 0, limit: 1, filter: { staleForMoreThanDays: staleDays } })),
    ]).then(([facets, categories, stale]) => {
      if (!current) return;
      const problem = !facets.ok ? facets.problem : !categories.ok ? categories.problem : !stale.ok ? stale.problem : undefined;
      setState({
        facets: facets.ok ? facets.value : undefined,
        categories: categories.ok ? categories.value : [],
        staleCount: stale.ok ? stale.value.total : undefined,
        problem,
      });
    });
    return () => {
      current = false;
    };
  }, [staleDays, dataVersion, attempt, rowsShown]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
