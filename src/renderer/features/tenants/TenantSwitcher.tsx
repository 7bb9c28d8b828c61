// The header's tenant menu: the current tenant, the others to switch to, and "Add a tenant".
import { lazy, Suspense, useState } from 'react';
import { Button, Menu, MenuDivider, MenuItem, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, Spinner } from '@fluentui/react-components';
import type { MenuProps } from '@fluentui/react-components';
import { AddRegular, BuildingRegular, ChevronDownRegular } from '@fluentui/react-icons';
import { currentTenant, useSession } from '../../stores/session-store.ts';
import { reportHeaderProblem } from '../../stores/header-problems.ts';

const ConnectTenantDialog = lazy(() => import('../first-run/ConnectTenantDialog.tsx').then((m) => ({ default: m.ConnectTenantDialog })));

export function TenantSwitcher() {
  const setup = useSession((s) => s.setup);
  const busy = useSession((s) => s.busy);
  const [adding, setAdding] = useState(false);
  const current = currentTenant(setup);
  if (setup === undefined) return null;

  const switchTo = (profileId: string): void => {
    if (profileId === setup.currentProfileId) return;
    void useSession
      .getState()
      .switchTo(profileId)
      .then((problem) => reportHeaderProblem('tenant', 'Could not switch tenant', problem));
  };
  const onChecked: MenuProps['onCheckedValueChange'] = (_event, data) => {
    const picked = data.checkedItems[0];
    if (picked !== undefined) switchTo(picked);
  };

  return (
    <>
      <Menu checkedValues={{ tenant: setup.currentProfileId === undefined ? [] : [setup.currentProfileId] }} onCheckedValueChange={onChecked}>
        <MenuTrigger disableButtonEnhancement>
          <Button
            appearance="subtle"
            icon={busy === 'switch' ? <Spinner size="tiny" /> : <BuildingRegular />}
            iconPosition="before"
            aria-label={`Tenant: ${current?.label ?? 'none'}. Switch tenant`}
            data-testid="tenant-switcher"
          >
            {current?.label ?? 'No tenant'}
            <ChevronDownRegular aria-hidden />
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {setup.tenants.map((t) => (
              <MenuItemRadio key={t.profileId} name="tenant" value={t.profileId} secondaryContent={t.kind === 'demo' ? 'demo' : undefined}>
                {t.label}
              </MenuItemRadio>
            ))}
            {!setup.tenantsLocked && (
              <>
                <MenuDivider />
                <MenuItem icon={<AddRegular />} onClick={() => setAdding(true)}>
                  Add a tenant…
                </MenuItem>
              </>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
      {adding && (
        <Suspense fallback={null}>
          <ConnectTenantDialog open onClose={() => setAdding(false)} />
        </Suspense>
      )}
    </>
  );
}
