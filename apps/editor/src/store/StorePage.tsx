// The store (`#/store`): which Shopify store the engine listens to and acts on, what the shop says
// about itself (offered as the store's defaults), and the webhook subscriptions registered for it.
// Everyone reads it; admins connect (the token is sent once and never shown again), test and
// disconnect. A refused token or shop is shown in the store's own words.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { StoreConnection, StoreWebhook } from '../api-types';
import { ConfirmDialog } from '../ConfirmDialog';
import { ErrorNotice } from '../ErrorNotice';
import { TextField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { useSession } from '../session/SessionContext';
import { StatusPill } from '../StatusPill';
import type { StatusTone } from '../status-tone';
import { storeQueries, useConnectStore, useDisconnectStore, useTestStoreConnection } from './store-queries';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? timeFormat.format(new Date(iso)) : '—');

const SOURCE_LABELS = {
  settings: 'this page',
  environment: 'the environment (SHOPIFY_SHOP, SHOPIFY_ADMIN_TOKEN)',
} as const;

const WEBHOOK_TONES: Record<StoreWebhook['state'], StatusTone> = {
  registered: 'success',
  missing: 'warning',
  failed: 'danger',
};

export function StorePage() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const status = useQuery(storeQueries.connection());

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Store</h1>
          <p className="page-header__lead">
            The Shopify store the engine listens to (its webhooks) and acts on (coupons, consent).
          </p>
        </div>
      </header>
      {status.error && (
        <ErrorNotice
          what="the store connection"
          error={status.error}
          onRetry={() => void status.refetch()}
          retrying={status.isFetching}
        />
      )}
      {status.isPending && (
        <p className="placeholder" role="status">
          Loading the store connection…
        </p>
      )}
      {status.data && (
        <>
          <Connection status={status.data} isAdmin={isAdmin} />
          {status.data.connected && <ShopDefaults status={status.data} />}
          {status.data.connected && <Webhooks status={status.data} />}
          {isAdmin ? (
            <ConnectForm status={status.data} />
          ) : (
            <p className="muted">Only admins connect, test or disconnect the store.</p>
          )}
        </>
      )}
    </>
  );
}

function Connection({ status, isAdmin }: { status: StoreConnection; isAdmin: boolean }) {
  const test = useTestStoreConnection();
  const disconnect = useDisconnectStore();
  const [confirming, setConfirming] = useState(false);

  return (
    <section aria-labelledby="connection-heading" className="section">
      <h2 id="connection-heading">Connection</h2>
      {!status.connected ? (
        <p data-testid="store-not-connected">
          No store is connected: coupons stay in the engine and consent is not written back to a store.
          {isAdmin ? ' Connect one below.' : ' An admin can connect one.'}
        </p>
      ) : (
        <dl className="fields" data-testid="store-connection">
          <div>
            <dt>Shop</dt>
            <dd className="mono">{status.shop}</dd>
          </div>
          <div>
            <dt>Name</dt>
            <dd data-testid="shop-name">{status.shopName ?? 'not read yet'}</dd>
          </div>
          <div>
            <dt>Connected through</dt>
            <dd>{status.source ? SOURCE_LABELS[status.source] : '—'}</dd>
          </div>
          <div>
            <dt>Admin API version</dt>
            <dd className="mono">{status.apiVersion}</dd>
          </div>
          <div>
            <dt>Connected</dt>
            <dd>
              {when(status.connectedAt)}
              {status.connectedBy && <span className="muted small"> by {status.connectedBy}</span>}
            </dd>
          </div>
          <div>
            <dt>Last checked</dt>
            <dd>{when(status.checkedAt)}</dd>
          </div>
        </dl>
      )}
      {isAdmin && status.connected && (
        <div className="button-row">
          <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          {status.source === 'settings' && (
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
              Disconnect
            </button>
          )}
        </div>
      )}
      {test.isSuccess && !test.isPending && (
        <p role="status" className="muted">
          The store answered: {test.data.shopName} read {when(test.data.checkedAt)}.
        </p>
      )}
      {test.error && (
        <p className="field__error" role="alert">
          The test failed: {test.error.message}
        </p>
      )}
      {disconnect.error && (
        <p className="field__error" role="alert">
          Could not disconnect: {disconnect.error.message}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Disconnect ${status.shop ?? 'the store'}?`}
          confirmLabel="Disconnect"
          tone="danger"
          busy={disconnect.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            disconnect.mutate(undefined, {
              onSettled: () => setConfirming(false),
              onSuccess: () => test.reset(),
            })
          }
        >
          <p>
            The stored token and webhook secret are deleted. From now on coupons stay in the engine and
            consent is not written back to the store; deliveries signed with this connection&apos;s secret are
            refused.
          </p>
          <p>The webhook subscriptions stay in Shopify until you remove the app there.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ShopDefaults({ status }: { status: StoreConnection }) {
  return (
    <section aria-labelledby="defaults-heading" className="section">
      <h2 id="defaults-heading">The shop&apos;s defaults</h2>
      <p className="muted">
        What the shop says about itself at the last check, offered as the store&apos;s defaults for money,
        dates and the language of messages.
      </p>
      <dl className="fields" data-testid="shop-defaults">
        <div>
          <dt>Currency</dt>
          <dd>{status.currency ?? 'not read yet'}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{status.timezone ?? 'not read yet'}</dd>
        </div>
        <div>
          <dt>Locale</dt>
          <dd>
            {status.locale ??
              (status.checkedAt ? 'unknown (the token may not read the shop’s locales)' : 'not read yet')}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Webhooks({ status }: { status: StoreConnection }) {
  return (
    <section aria-labelledby="webhooks-heading" className="section">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p>
        The store delivers to <code className="mono break">{status.webhookUrl}</code>
        {status.webhookSecret === 'settings' && ', verified with the webhook secret given on this page.'}
        {status.webhookSecret === 'environment' && ', verified with SHOPIFY_WEBHOOK_SECRET.'}
      </p>
      {status.webhookSecret === null && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">No webhook secret</p>
          <p>
            Deliveries cannot be verified, so they are refused. Connect again with the app&apos;s API secret
            key as the webhook secret.
          </p>
        </div>
      )}
      {status.webhooks.length === 0 ? (
        <p className="muted">Not read yet: “Test connection” reads them from the store.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact" data-testid="store-webhooks">
            <caption className="visually-hidden">
              Webhook subscriptions, one per topic the engine maps
            </caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Shopify topic</th>
                <th scope="col">State</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {status.webhooks.map((webhook) => (
                <tr key={webhook.topic} data-topic={webhook.topic}>
                  <th scope="row" className="mono">
                    {webhook.delivery}
                  </th>
                  <td className="mono small">{webhook.topic}</td>
                  <td>
                    <StatusPill tone={WEBHOOK_TONES[webhook.state]}>{webhook.state}</StatusPill>
                  </td>
                  <td className="small">
                    {webhook.state === 'failed'
                      ? webhook.error
                      : webhook.state === 'missing'
                        ? 'Not in the store any more: connect again to register it.'
                        : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ConnectForm({ status }: { status: StoreConnection }) {
  const connect = useConnectStore();
  const again = status.source === 'settings';
  return (
    <section aria-labelledby="connect-heading" className="section">
      <h2 id="connect-heading">{again ? 'Connect again' : 'Connect a store'}</h2>
      <p className="muted">
        Create a custom app in Shopify&apos;s admin (Settings → Apps and sales channels → Develop apps) with
        access to customers, orders, discounts and webhooks, install it, and paste its Admin API access token.
        The token is checked with the store first, stored encrypted and never shown again.
        {status.source === 'environment' && ' A store connected here takes the place of the environment’s.'}
      </p>
      <Form
        key={status.shop ?? 'none'}
        className="store-form"
        aria-label="Connect the store"
        initialValues={{ shop: status.shop ?? '', adminToken: '', webhookSecret: '' }}
        resetOnSuccess
        errorPrefix="Could not connect: "
        onSubmit={({ shop, adminToken, webhookSecret }) =>
          connect.mutateAsync({
            shop: shop.trim(),
            adminToken: adminToken.trim(),
            webhookSecret: webhookSecret.trim() || undefined,
          })
        }
        actions={
          <SubmitButton label={again ? 'Connect again' : 'Connect'} pendingLabel="Checking the store…" />
        }
      >
        {(form) => (
          <>
            <TextField
              required
              label="Shop domain"
              placeholder="your-store.myshopify.com"
              maxLength={255}
              {...form.field('shop')}
            />
            <TextField
              required
              label="Admin API access token"
              type="password"
              autoComplete="new-password"
              hint="Starts with shpat_. Never shown again once stored."
              maxLength={500}
              {...form.field('adminToken')}
            />
            <TextField
              label="Webhook secret"
              type="password"
              autoComplete="new-password"
              hint={
                again
                  ? "The app's API secret key, which Shopify signs webhooks with. Leave empty to keep the current one."
                  : "The app's API secret key, which Shopify signs webhooks with."
              }
              maxLength={500}
              {...form.field('webhookSecret')}
            />
          </>
        )}
      </Form>
    </section>
  );
}
