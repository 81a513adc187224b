// Admins (`#/admin`): the people who sign in and their roles, the storefront's API keys (a new
// key is shown once), and the audit log of who did what when.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { ConfirmDialog } from '../journey-editor/ConfirmDialog';
import { TextField } from '../journey-editor/inspector/fields';
import type { Role } from '../session/session-api';
import { auditActionLabel } from '../support/run-display';
import { useApi } from '../useApi';
import {
  addPerson,
  changePerson,
  createApiKey,
  listApiKeys,
  listAuditLog,
  listPeople,
  revokeApiKey,
  type Person,
} from './admin-api';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? timeFormat.format(new Date(iso)) : '—');
const ROLES: Role[] = ['admin', 'marketer', 'support'];

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
  const people = useApi('people', listPeople);
  const [form, setForm] = useState({ email: '', name: '', role: 'support' as Role, password: '' });
  const [error, setError] = useState<string | undefined>();
  const roleId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    addPerson(form).then(
      () => {
        setForm({ email: '', name: '', role: 'support', password: '' });
        people.reload();
      },
      (cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)),
    );
  };
  const change = (id: string, update: { role?: Role; disabled?: boolean }) =>
    changePerson(id, update).then(people.reload, (cause: unknown) =>
      setError(cause instanceof Error ? cause.message : String(cause)),
    );

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      {people.error && <ErrorNotice what="people" error={people.error} onRetry={people.reload} />}
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
                    <RoleChange person={person} onSave={(role) => change(person.id, { role })} />
                  </td>
                  <td>{when(person.lastSeenAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`${person.disabledAt ? 'Enable' : 'Disable'} ${person.email}`}
                      onClick={() => void change(person.id, { disabled: !person.disabledAt })}
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
      <form className="inline-form" onSubmit={submit} aria-label="Add a person">
        <TextField required label="Name" value={form.name} onChange={(name) => setForm({ ...form, name })} />
        <TextField
          required
          label="Email"
          type="email"
          value={form.email}
          onChange={(email) => setForm({ ...form, email })}
        />
        <div className="field">
          <label className="field__label" htmlFor={roleId}>
            Role
          </label>
          <select
            id={roleId}
            className="input"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </div>
        <TextField
          required
          label="First password (12+ characters)"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={form.password}
          onChange={(password) => setForm({ ...form, password })}
        />
        <button type="submit" className="button button--primary">
          Add person
        </button>
      </form>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
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
            void onSave(role).finally(() => setBusy(false));
          }}
        >
          Save
        </button>
      )}
    </span>
  );
}

function ApiKeys() {
  const keys = useApi('api-keys', listApiKeys);
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ name: string; key: string } | undefined>();
  const [revoking, setRevoking] = useState<{ id: string; name: string } | undefined>();
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    createApiKey(name.trim()).then(
      (created) => {
        setShown({ name: created.name, key: created.key });
        setName('');
        keys.reload();
      },
      (cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)),
    );
  };

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
      {keys.error && <ErrorNotice what="API keys" error={keys.error} onRetry={keys.reload} />}
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
      <form className="inline-form" onSubmit={submit} aria-label="Create an API key">
        <TextField required label="Key name" maxLength={100} value={name} onChange={setName} />
        <button type="submit" className="button button--primary">
          Create key
        </button>
      </form>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke"
          tone="danger"
          busy={revokeBusy}
          onCancel={() => setRevoking(undefined)}
          onConfirm={() => {
            setRevokeBusy(true);
            void revokeApiKey(revoking.id)
              .then(keys.reload, (cause: unknown) =>
                setError(cause instanceof Error ? cause.message : String(cause)),
              )
              .finally(() => {
                setRevokeBusy(false);
                setRevoking(undefined);
              });
          }}
        >
          <p>Anything using this key is refused from now on.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AuditLogTable() {
  const log = useApi('audit-log', listAuditLog, { refreshEveryMs: 10_000 });
  return (
    <section aria-labelledby="audit-log-heading">
      <h2 id="audit-log-heading">Audit log</h2>
      {log.error && <ErrorNotice what="the audit log" error={log.error} onRetry={log.reload} />}
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
