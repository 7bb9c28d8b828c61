// "Add a tenant…" from the tenant menu: the same form as the first run, in a dialog.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { AppRegistrationHelp } from './AppRegistrationHelp.tsx';
import { ConnectTenantForm } from './ConnectTenantForm.tsx';

export function ConnectTenantDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Connect a tenant</DialogTitle>
          <DialogContent>
            <ConnectTenantForm onConnected={onClose} />
            <details>
              <summary>How to register Intune Desk in a tenant</summary>
              <AppRegistrationHelp headingLevel={3} />
            </details>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
