// The sign-in form. Errors from the API (wrong password, too many attempts with when to retry)
// are shown as the API words them.
import { useId, useState, type FormEvent } from 'react';
import { signIn, type SignedInUser } from './session-api';

export function SignInPage({
  reason,
  onSignedIn,
}: {
  reason?: string;
  onSignedIn: (user: SignedInUser) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    signIn(email.trim(), password).then(onSignedIn, (cause: unknown) => {
      setBusy(false);
      setError(cause instanceof Error ? cause.message : String(cause));
    });
  };

  return (
    <main className="sign-in" id="main">
      <form className="sign-in__card" onSubmit={submit} aria-labelledby="sign-in-heading">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>
          Waypoint
        </p>
        <h1 id="sign-in-heading">Sign in</h1>
        {reason && (
          <p className="notice" role="status">
            {reason}
          </p>
        )}
        <div className="field">
          <label className="field__label" htmlFor={emailId}>
            Email
          </label>
          <input
            id={emailId}
            className="input"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={passwordId}>
            Password
          </label>
          <input
            id={passwordId}
            className="input"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        {error && (
          <p className="field__error" role="alert" id={errorId}>
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
