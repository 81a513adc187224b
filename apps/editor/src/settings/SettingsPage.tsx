// Store settings (`#/settings`): the store profile (time zone, currency, default locale, country),
// the sending defaults every journey inherits, lifecycle thresholds with a live preview, and
// products' consumption periods; the store connection has its own page. Admins change them;
// marketers read everything (support the profile): the same forms, disabled, saying why.
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../hash-route';
import { ErrorNotice } from '../ErrorNotice';
import { roleAllows } from '../session/role-access';
import { useSession } from '../session/SessionContext';
import { LifecycleSection } from './LifecycleSection';
import { ProductsSection } from './ProductsSection';
import { settingsQueries } from './settings-queries';
import { StoreProfileSection } from './StoreProfileSection';

export function SettingsPage() {
  const { user } = useSession();
  const editable = user.role === 'admin';
  // Lifecycle thresholds and products are marketers' reading (the API refuses support).
  const readsLifecycle = roleAllows(user.role, ['marketer']);
  const profile = useQuery(settingsQueries.storeProfile());
  const lifecycle = useQuery({ ...settingsQueries.lifecycle(), enabled: readsLifecycle });

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-header__lead">
            The store&apos;s time zone, money and language, the defaults every journey sends by, and the
            thresholds customers&apos; stages follow. The Shopify connection is on the{' '}
            <a href={hrefFor({ page: 'store' })}>Store connection</a> page.
          </p>
        </div>
      </header>
      {!editable && (
        <p className="notice" role="note" data-testid="read-only">
          Read only: only admins change the store settings (you are signed in as {user.role}).
        </p>
      )}
      {profile.error && (
        <ErrorNotice what="the store settings" error={profile.error} onRetry={() => void profile.refetch()} />
      )}
      {profile.data && <StoreProfileSection profile={profile.data} editable={editable} />}
      {readsLifecycle ? (
        <>
          {lifecycle.error && (
            <ErrorNotice
              what="the lifecycle thresholds"
              error={lifecycle.error}
              onRetry={() => void lifecycle.refetch()}
            />
          )}
          {lifecycle.data && <LifecycleSection settings={lifecycle.data} editable={editable} />}
          <ProductsSection editable={editable} />
        </>
      ) : (
        <p className="muted">
          Lifecycle thresholds and product consumption periods are for marketers and admins.
        </p>
      )}
    </>
  );
}
