// Removes a tenant profile after a confirmation that says what goes with it.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { Problem, TenantSummary } from '../../../shared/bridge/api.ts';
import { useSession } from '../../stores/session-store.ts';
import { ProblemView } from '../problems/ProblemView.tsx';

export function RemoveTenantButton({ tenant, icon }: { readonly tenant: TenantSummary; readonly icon: ReactElement }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const remove = async (): Promise<void> => {
    setConfirming(false);
    const failure = await useSession.getState().remove(tenant.profileId);
    setProblem(failure);
  };
  return (
    <>
      <Button icon={icon} onClick={() => setConfirming(true)} aria-label={`Remove ${tenant.label}`}>
        Remove
      </Button>
      {problem !== undefined && <ProblemView problem={problem} context={`${tenant.label} was not removed`} onDismiss={() => setProblem(undefined)} />}
      {confirming && (
        <Dialog open onOpenChange={(_e, data) => !data.open && setConfirming(false)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Remove {tenant.label}?</DialogTitle>
              <DialogContent>
                Intune Desk forgets this tenant: its sign-in on this computer and its offline inventory ({tenant.inventory.deviceCount} devices) are removed. Nothing changes in Intune. You can
                connect it again later.
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => void remove()}>
                  Remove
                </Button>
                <Button onClick={() => setConfirming(false)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
}
