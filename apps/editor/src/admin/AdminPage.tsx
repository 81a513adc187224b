// Admins (`#/admin`): the people who sign in and their roles, the storefront's API keys (a new
// key is shown once), and the audit log of who did what when.
import { useQuery } from '@tanstack/react-query';
import { ROLES, type Role } from '@waypoint/journey';
import { useEffect, useState } from 'react';
import type { Person } from '../api-types';
import { ConfirmDialog } from '../ConfirmDialog';
import { ErrorNotice } from '../ErrorNotice';
import { SelectField, TextField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { auditActionLabel } from '../support/run-display';
import {
  adminQueries,
  AUDIT_LOG_REFRESH_MS,
  useAddPerson,
  useChangePerson,
  useCreateApiKey,
  useRevokeApiKey,
} from './admin-queries';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? timeFormat.format(new Date(iso)) : '—');
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: role }));

export function AdminPage() {
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="page-header__lead">People and roles, API keys, and the audit log.</p>
        </div>
      </header>
      <People />
      <ApiKeys />
      <AuditLogTable />
    </>
  );
}

function People() {
  const people = useQuery(adminQueries.people());
  const add = useAddPerson();
  const change = useChangePerson();
  const retry = () => void people.refetch();

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      {people.error && (
        <ErrorNotice what="people" error={people.error} onRetry={retry} retrying={people.isFetching} />
      )}
      {people.data && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">People who can sign in</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Last active</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {people.data.map((person) => (
                <tr key={person.id}>
                  <th scope="row">{person.name}</th>
                  <td>{person.email}</td>
                  <td>
                    <RoleChange
                      person={person}
                      onSave={(role) => change.mutateAsync({ id: person.id, change: { role } })}
                    />
                  </td>
                  <td>{when(person.lastSeenAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`${person.disabledAt ? 'Enable' : 'Disable'} ${person.email}`}
                      onClick={() =>
                        change.mutate({ id: person.id, change: { disabled: !person.disabledAt } })
                      }
                    >
                      {person.disabledAt ? 'Enable' : 'Disable'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {change.error && (
        <p className="field__error" role="alert">
          {change.error.message}
        </p>
      )}
      <Form
        className="inline-form"
        aria-label="Add a person"
        initialValues={{ name: '', email: '', role: 'support' as Role, password: '' }}
        resetOnSuccess
        onSubmit={(person) => add.mutateAsync(person)}
        actions={<SubmitButton label="Add person" pendingLabel="Adding…" />}
      >
        {(form) => (
          <>
            <TextField required label="Name" {...form.field('name')} />
            <TextField required label="Email" type="email" {...form.field('email')} />
            <SelectField label="Role" options={ROLE_OPTIONS} {...form.field('role')} />
            <TextField
              required
              label="First password (12+ characters)"
              type="password"
              autoComplete="new-password"
              minLength={12}
              {...form.field('password')}
            />
          </>
        )}
      </Form>
    </section>
  );
}

/** A role is changed on purpose: pick it, then Save (a change ends that person's sessions). */
function RoleChange({ person, onSave }: { person: Person; onSave: (role: Role) => Promise<unknown> }) {
  const [role, setRole] = useState<Role>(person.role);
  const [busy, setBusy] = useState(false);
  useEffect(() => setRole(person.role), [person.role]);
  return (
    <span className="input-group">
      <select
        className="input"
        aria-label={`Role of ${person.email}`}
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      {role !== person.role && (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          aria-label={`Save the role of ${person.email}`}
          onClick={() => {
            setBusy(true);
            onSave(role)
              .catch(() => undefined) // shown under the table (the change mutation's error)
              .finally(() => setBusy(false));
          }}
        >
          Save
        </button>
      )}
    </span>
  );
}

function ApiKeys() {
  const keys = useQuery(adminQueries.apiKeys());
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [shown, setShown] = useState<{ name: string; key: string } | undefined>();
  const [revoking, setRevoking] = useState<{ id: string; name: string } | undefined>();

  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <p className="muted">For the storefront and servers: the event API and customer profiles.</p>
      {shown && (
        <div className="notice" role="status">
          <p className="notice__title">Key “{shown.name}”: copy it now, it is not shown again</p>
          <p>
            <code className="mono break" data-testid="new-api-key">
              {shown.key}
            </code>
          </p>
          <button type="button" className="button" onClick={() => setShown(undefined)}>
            I have stored it
          </button>
        </div>
      )}
      {keys.error && (
        <ErrorNotice
          what="API keys"
          error={keys.error}
          onRetry={() => void keys.refetch()}
          retrying={keys.isFetching}
        />
      )}
      {keys.data && keys.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key starts</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td className="mono">{key.prefix}…</td>
                  <td>
                    {when(key.createdAt)}
                    {key.createdBy && <span className="muted small"> by {key.createdBy}</span>}
                  </td>
                  <td>{when(key.lastUsedAt)}</td>
                  <td>
                    {key.revokedAt ? (
                      `revoked ${when(key.revokedAt)}`
                    ) : (
                      <button
                        type="button"
                        className="button"
                        onClick={() => setRevoking({ id: key.id, name: key.name })}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form
        className="inline-form"
        aria-label="Create an API key"
        initialValues={{ name: '' }}
        resetOnSuccess
        onSubmit={async ({ name }) => {
          const created = await create.mutateAsync({ name: name.trim() });
          setShown({ name: created.name, key: created.key });
        }}
        actions={<SubmitButton label="Create key" pendingLabel="Creating…" />}
      >
        {(form) => <TextField required label="Key name" maxLength={100} {...form.field('name')} />}
      </Form>
      {revoke.error && (
        <p className="field__error" role="alert">
          {revoke.error.message}
        </p>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke"
          tone="danger"
          busy={revoke.isPending}
          onCancel={() => setRevoking(undefined)}
          onConfirm={() => revoke.mutate(revoking.id, { onSettled: () => setRevoking(undefined) })}
        >
          <p>Anything using this key is refused from now on.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AuditLogTable() {
  const log = useQuery({ ...adminQueries.auditLog(), refetchInterval: AUDIT_LOG_REFRESH_MS });
  return (
    <section aria-labelledby="audit-log-heading">
      <h2 id="audit-log-heading">Audit log</h2>
      {log.error && <ErrorNotice what="the audit log" error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && (
        <div className="table-wrap">
          <table className="table table--compact" data-testid="audit-log">
            <caption className="visually-hidden">Who did what when, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry) => (
                <tr key={entry.id}>
                  <td>{when(entry.at)}</td>
                  <td>{entry.actor.label}</td>
                  <td>{auditActionLabel(entry.action)}</td>
                  <td className="mono small">
                    {entry.target.type} {entry.target.id}
                  </td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
