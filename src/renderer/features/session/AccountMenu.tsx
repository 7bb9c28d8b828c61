// The header's account: who is signed in, Sign in, Sign out.
import { Avatar, Button, Menu, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, Spinner } from '@fluentui/react-components';
import { PersonRegular, SignOutRegular } from '@fluentui/react-icons';
import { reportHeaderProblem } from '../../stores/header-problems.ts';
import { useSession } from '../../stores/session-store.ts';

export function signIn(): void {
  void useSession
    .getState()
    .signIn()
    .then((problem) => reportHeaderProblem('account', 'Sign-in failed', problem, signIn));
}

export function signOut(): void {
  void useSession
    .getState()
    .signOut()
    .then((problem) => reportHeaderProblem('account', 'Sign-out failed', problem));
}

export function AccountMenu() {
  const session = useSession((s) => s.session);
  const busy = useSession((s) => s.busy);
  if (session === undefined) return null;
  if (!session.signedIn || session.account === undefined) {
    return (
      <Button appearance="primary" icon={busy === 'signIn' ? <Spinner size="tiny" /> : <PersonRegular />} onClick={signIn} disabled={busy === 'signIn'}>
        {busy === 'signIn' ? 'Signing in…' : 'Sign in'}
      </Button>
    );
  }
  const account = session.account;
  const name = account.name ?? account.username;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<Avatar name={name} size={24} aria-hidden />} aria-label={`Signed in as ${account.username}. Account`} data-testid="account-menu">
          {name}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>Signed in as {account.username}</MenuGroupHeader>
            <MenuItem icon={<SignOutRegular />} onClick={signOut} disabled={busy === 'signOut'}>
              Sign out
            </MenuItem>
          </MenuGroup>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
