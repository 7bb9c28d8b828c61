// "Connect your tenant": the app registration's client ID and the tenant, checked as they are
// typed (and again by the host, whose answer shows here too), then a sign-in.
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Button, Field, Input, Spinner } from '@fluentui/react-components';
import type { Problem } from '../../../shared/bridge/api.ts';
import { signIn } from '../session/AccountMenu.tsx';
import { ProblemView } from '../problems/ProblemView.tsx';
import { useSession } from '../../stores/session-store.ts';
import { clientIdProblem, connectRequest, tenantProblem } from './connect-validation.ts';
import type { ConnectForm } from './connect-validation.ts';
import { useFirstRunStyles } from './FirstRun.styles.ts';

type FieldName = keyof ConnectForm;

export function ConnectTenantForm({ onConnected }: { readonly onConnected?: () => void }) {
  const styles = useFirstRunStyles();
  const busy = useSession((s) => s.busy) === 'connect';
  const [form, setForm] = useState<ConnectForm>({ clientId: '', tenant: '', label: '' });
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [problem, setProblem] = useState<Problem | undefined>();
  const clientIdRef = useRef<HTMLInputElement>(null);
  const tenantRef = useRef<HTMLInputElement>(null);

  const problems: Readonly<Record<'clientId' | 'tenant', string | undefined>> = { clientId: clientIdProblem(form.clientId), tenant: tenantProblem(form.tenant) };
  // Says what is wrong as soon as there is something to judge; an empty field waits until left.
  const shown = (name: 'clientId' | 'tenant'): string | undefined => (touched.has(name) || form[name] !== '' ? problems[name] : undefined);
  const edit = (name: FieldName) => (_: unknown, data: { value: string }) => setForm((f) => ({ ...f, [name]: data.value }));
  const leave = (name: FieldName) => () => setTouched((t) => new Set(t).add(name));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const request = connectRequest(form);
    if (request === undefined) {
      setTouched(new Set<FieldName>(['clientId', 'tenant']));
      (problems.clientId !== undefined ? clientIdRef : tenantRef).current?.focus();
      return;
    }
    setProblem(undefined);
    const failure = await useSession.getState().connect(request);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    onConnected?.();
    signIn();
  };

  const state = (name: 'clientId' | 'tenant'): 'error' | 'success' | 'none' => (shown(name) !== undefined ? 'error' : problems[name] === undefined ? 'success' : 'none');
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label="Connect your tenant">
      <Field
        label="Application (client) ID"
        required
        validationState={state('clientId')}
        validationMessage={shown('clientId') ?? (problems.clientId === undefined ? 'A GUID: looks right.' : 'From the app registration’s Overview page.')}
      >
        <Input ref={clientIdRef} value={form.clientId} onChange={edit('clientId')} onBlur={leave('clientId')} placeholder="00000000-0000-0000-0000-000000000000" spellCheck={false} autoComplete="off" />
      </Field>
      <Field
        label="Tenant"
        required
        validationState={state('tenant')}
        validationMessage={shown('tenant') ?? (problems.tenant === undefined ? 'Looks right.' : 'Directory (tenant) ID, a verified domain, “organizations” or “common”.')}
      >
        <Input ref={tenantRef} value={form.tenant} onChange={edit('tenant')} onBlur={leave('tenant')} placeholder="contoso.onmicrosoft.com" spellCheck={false} autoComplete="off" />
      </Field>
      <Field label="Name shown in Intune Desk" hint="Optional. The tenant menu uses it; the tenant’s own name otherwise.">
        <Input value={form.label} onChange={edit('label')} autoComplete="off" />
      </Field>
      <div className={styles.formActions}>
        <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? 'Connecting…' : 'Connect and sign in'}
        </Button>
      </div>
      {problem !== undefined && <ProblemView problem={problem} context="Could not connect" onDismiss={() => setProblem(undefined)} />}
    </form>
  );
}
