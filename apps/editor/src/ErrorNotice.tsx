// How a page says a request failed: the API's own message, its code, and a way to try again.
import { ApiError } from './api-error';

export function ErrorNotice({
  what,
  error,
  onRetry,
  retrying = false,
}: {
  /** What could not be loaded, e.g. "journeys". */
  what: string;
  error: Error;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">Could not load {what}</p>
      <p className="notice__message">
        {error.message}
        {code && (
          <>
            {' '}
            <code className="notice__code">{code}</code>
          </>
        )}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Try again'}
        </button>
      )}
    </div>
  );
}
