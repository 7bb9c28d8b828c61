// Which columns the grid shows, saved in settings (deviceColumns) so the choice survives restarts.
import { useState } from 'react';
import { Menu, MenuButton, MenuDivider, MenuItem, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import type { MenuProps } from '@fluentui/react-components';
import { ColumnTripleEditRegular } from '@fluentui/react-icons';
import type { Problem } from '../../../shared/bridge/api.ts';
import { useSettings } from '../../stores/settings-store.ts';
import { ProblemView } from '../problems/ProblemView.tsx';
import { ALL_COLUMNS, columnLabel, DEFAULT_COLUMNS, isDeviceColumn, toggleColumn } from './device-columns.ts';
import type { DeviceColumn } from './device-columns.ts';

export function ColumnChooser({ columns }: { readonly columns: readonly DeviceColumn[] }) {
  const [problem, setProblem] = useState<Problem | undefined>();
  const save = (next: readonly DeviceColumn[]): void => {
    void useSettings
      .getState()
      .update({ deviceColumns: next })
      .then((p) => setProblem(p));
  };
  const onChecked: MenuProps['onCheckedValueChange'] = (_e, data) => {
    // The one item whose state changed is the difference between the lists.
    const checked = new Set(data.checkedItems);
    const changed = ALL_COLUMNS.find((c) => checked.has(c) !== columns.includes(c));
    if (changed !== undefined && isDeviceColumn(changed)) save(toggleColumn(columns, changed));
  };
  return (
    <>
      <Menu checkedValues={{ columns: [...columns] }} onCheckedValueChange={onChecked}>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton icon={<ColumnTripleEditRegular />}>Columns</MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {ALL_COLUMNS.map((c) => (
              <MenuItemCheckbox key={c} name="columns" value={c} disabled={columns.length === 1 && columns[0] === c}>
                {columnLabel(c)}
              </MenuItemCheckbox>
            ))}
            <MenuDivider />
            <MenuItem onClick={() => save(DEFAULT_COLUMNS)}>Reset to the default columns</MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {problem !== undefined && <ProblemView problem={problem} context="The column choice was not saved" onDismiss={() => setProblem(undefined)} />}
    </>
  );
}
