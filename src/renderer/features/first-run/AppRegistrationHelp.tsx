// What an admin registers before "Connect your tenant" works, after Microsoft's article "How to
// use Microsoft Entra ID to access the Intune APIs in Microsoft Graph": a public client with the
// http://localhost redirect, the delegated Intune permissions, admin consent, and an Intune role.
import { SCOPE_PLAN, scopesToRegister } from './scope-plan.ts';
import { useFirstRunStyles } from './FirstRun.styles.ts';

export function AppRegistrationHelp({ headingLevel = 2 }: { readonly headingLevel?: 2 | 3 }) {
  const styles = useFirstRunStyles();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const scopes = scopesToRegister();
  return (
    <section className={styles.help} aria-labelledby="app-registration-title">
      <H id="app-registration-title" className={styles.cardTitle}>
        Before you connect: register Intune Desk in your tenant
      </H>
      <p className={styles.text}>
        Intune Desk signs in as you and calls Microsoft Graph with delegated permissions, through an app registration in your own tenant. An administrator sets it up once:
      </p>
      <ol className={styles.steps}>
        <li>
          In the Microsoft Entra admin center, open <strong>App registrations</strong> and choose <strong>New registration</strong>. Name it (for example “Intune Desk”). For a
          partner managing several tenants, choose accounts in any organizational directory (multitenant).
        </li>
        <li>
          Under <strong>Authentication</strong>, add the platform <strong>Mobile and desktop applications</strong> with the redirect URI <code className={styles.code}>http://localhost</code>.
          Intune Desk is a public client: it holds no secret and signs in through your browser with PKCE, on a port chosen at sign-in.
        </li>
        <li>
          Under <strong>API permissions</strong>, add <strong>Microsoft Graph</strong> › <strong>Delegated permissions</strong>: the Intune permissions in the table below. Add at least
          the first; add the others for the features you will use.
        </li>
        <li>
          Choose <strong>Grant admin consent</strong> for your organization. Every Intune permission needs an administrator’s consent; until it is granted, sign-in stops with a
          consent error.
        </li>
        <li>
          Copy the <strong>Application (client) ID</strong> and the <strong>Directory (tenant) ID</strong> from the registration’s Overview page into the form.
        </li>
        <li>
          Each technician also needs an <strong>Intune role</strong> (for example Help Desk Operator or Read Only Operator): the permission lets the app ask; the role decides what
          Intune answers. Without one, Intune refuses with 403.
        </li>
      </ol>
      <Sub className={styles.text}>Permissions Intune Desk asks for, and when</Sub>
      <p className={styles.text}>
        Intune Desk asks for a permission the first time you use a feature that needs it, not all at sign-in. The registration needs these {scopes.length}:{' '}
        {scopes.map((s, i) => (
          <span key={s.name}>
            <code className={styles.code}>{s.name}</code>
            {i < scopes.length - 1 ? ', ' : '.'}
          </span>
        ))}
      </p>
      <table className={styles.table}>
        <caption className={styles.text}>Features and the delegated Microsoft Graph permissions they need</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Permission (as the admin center names it)</th>
            <th scope="col">Asked for</th>
          </tr>
        </thead>
        <tbody>
          {SCOPE_PLAN.map((step) => (
            <tr key={step.feature}>
              <td>{step.description}</td>
              <td>
                {step.scopes.map((s) => (
                  <div key={s.name}>
                    {s.label} <code className={styles.code}>({s.name})</code>
                  </div>
                ))}
              </td>
              <td className={step.feature === 'browseDevices' ? styles.now : undefined}>{step.when}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
