// The filter chips: OS, compliance, ownership and category menus with their counts, "stale for
// more than N days", and the filters in force as removable buttons.
import { Button, Menu, MenuButton, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger, ToggleButton } from '@fluentui/react-components';
import type { MenuProps } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { countWording } from '../../app/wording.ts';
import { useDevicesView } from '../../stores/devices-view.ts';
import { valueLabel } from './device-columns.ts';
import { CHIP_GROUPS, chipCount } from './device-filter.ts';
import type { ChipGroup } from './device-filter.ts';
import type { FacetState } from './useFacets.ts';
import { useDevicesPageStyles } from './DevicesPage.styles.ts';

interface Choice {
  readonly value: string;
  readonly count: number | undefined;
}

function choicesFor(group: ChipGroup, facets: FacetState): readonly Choice[] {
  const f = facets.facets;
  // Devices with no value are counted by the facets but cannot be picked: the filter takes names.
  const named = (list: readonly { readonly value: string | null; readonly count: number }[] | undefined): Choice[] =>
    (list ?? []).flatMap((c) => (c.value === null ? [] : [{ value: c.value, count: c.count }]));
  switch (group) {
    case 'operatingSystem':
      return named(f?.operatingSystem);
    case 'complianceState':
      return named(f?.complianceState);
    case 'ownership':
      return named(f?.ownership);
    case 'category':
      return facets.categories.map((value) => ({ value, count: undefined }));
  }
}

export function FilterBar({ facets, staleDays }: { readonly facets: FacetState; readonly staleDays: number }) {
  const styles = useDevicesPageStyles();
  const chips = useDevicesView((s) => s.chips);
  const { setGroup, setStale, toggleChip, clearChips } = useDevicesView.getState();
  const onChecked: MenuProps['onCheckedValueChange'] = (_e, data) => setGroup(data.name as ChipGroup, data.checkedItems);
  const active = CHIP_GROUPS.flatMap(({ group, label }) => chips[group].map((value) => ({ group, label, value })));
  return (
    <div className={styles.chips} role="group" aria-label="Filters">
      {CHIP_GROUPS.map(({ group, label }) => {
        const choices = choicesFor(group, facets);
        const picked = chips[group].length;
        return (
          <Menu key={group} checkedValues={{ [group]: [...chips[group]] }} onCheckedValueChange={onChecked}>
            <MenuTrigger disableButtonEnhancement>
              <MenuButton size="small" appearance={picked > 0 ? 'primary' : 'secondary'} disabled={choices.length === 0}>
                {picked > 0 ? `${label} (${picked})` : label}
              </MenuButton>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {choices.map((c) => (
                  <MenuItemCheckbox key={c.value} name={group} value={c.value} secondaryContent={c.count === undefined ? undefined : countWording(c.count)}>
                    {valueLabel(group, c.value)}
                  </MenuItemCheckbox>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        );
      })}
      <ToggleButton size="small" checked={chips.stale} onClick={() => setStale(!chips.stale)} appearance={chips.stale ? 'primary' : 'secondary'}>
        {`Stale for more than ${staleDays} days${facets.staleCount === undefined ? '' : ` (${countWording(facets.staleCount)})`}`}
      </ToggleButton>
      {active.map((a) => (
        <Button key={`${a.group}:${a.value}`} size="small" appearance="outline" icon={<DismissRegular />} iconPosition="after" onClick={() => toggleChip(a.group, a.value)} aria-label={`Remove filter ${a.label}: ${valueLabel(a.group, a.value)}`}>
          {`${a.label}: ${valueLabel(a.group, a.value)}`}
        </Button>
      ))}
      {chipCount(chips) > 1 && (
        <Button size="small" appearance="subtle" onClick={clearChips}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
