// What "intune-desk logout" does (commands/logout.ts has its description).
import { ProblemError } from '../../core/problem.ts';
import type { CliContext } from '../context.ts';
import { Session } from '../session.ts';
import { EXIT_OK } from '../usage-error.ts';

export async function logout(context: CliContext): Promise<number> {
  const session = new Session(context);
  try {
    const signIn = await session.signIn();
    if (!signIn) {
      await context.err.write(`Nobody is signed in to ${session.profile.label}; nothing to do.\n`);
      return EXIT_OK;
    }
    const connection = await session.connect('startDemo');
    if (connection.kind !== 'online') throw new ProblemError({ code: 'offline', message: `Cannot sign out now: ${connection.reason}.` });
    const result = await connection.auth.signOut(session.profile.id);
    const tenants = result.purgedTenantIds.length;
    await context.out.write(`Signed out ${result.username ?? signIn.username} (${result.signedOutProfileIds.join(', ')}); deleted the offline inventory of ${tenants} tenant${tenants === 1 ? '' : 's'}.\n`);
    return EXIT_OK;
  } finally {
    await session.close();
  }
}
