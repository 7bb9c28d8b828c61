import { makeStyles, tokens } from '@fluentui/react-components';

export const useWorkspaceStyles = makeStyles({
  root: {
    display: 'flex',
    flexGrow: 1,
    minHeight: 0,
    gap: tokens.spacingHorizontalM,
  },
  gridColumn: {
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    minWidth: 0,
    minHeight: 0,
  },
});
