// The sign-in form. Errors from the API (wrong password, too many attempts with when to retry)
// are shown as the API words them.
import { TextField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { useSignIn } from './session-queries';

export function SignInPage({ reason, onSignedIn }: { reason?: string; onSignedIn: () => void }) {
  const signIn = useSignIn();
  return (
    <main className="sign-in" id="main">
      <Form
        className="sign-in__card"
        aria-labelledby="sign-in-heading"
        initialValues={{ email: '', password: '' }}
        onSubmit={async ({ email, password }) => {
          await signIn.mutateAsync({ email: email.trim(), password });
          onSignedIn();
        }}
        actions={<SubmitButton label="Sign in" pendingLabel="Signing in…" />}
      >
        {(form) => (
          <>
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
            <TextField
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.field('email')}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              {...form.field('password')}
            />
          </>
        )}
      </Form>
    </main>
  );
}
