// Products' consumption periods on the settings page: find a product by title or id, and (admins)
// set how many days one unit lasts, which makes it a consumable for the replenishment journey.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Product } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { NumberField, TextField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { Pager } from '../Pager';
import { PRODUCTS_PAGE_SIZE, settingsQueries, useSetConsumptionDays } from './settings-queries';

export function ProductsSection({ editable }: { editable: boolean }) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const products = useQuery(settingsQueries.products(q.trim(), offset));
  const page = products.data ?? [];

  return (
    <section aria-labelledby="products-heading" className="section">
      <h2 id="products-heading">Product consumption periods</h2>
      <p className="muted">
        Days one unit of a product lasts: its buyers are due a replenishment reminder when it runs out.
        Without one, the period learned from customers&apos; reorders is used.
      </p>
      <TextField
        label="Find a product"
        type="search"
        placeholder="Title or product id"
        value={q}
        onChange={(value) => {
          setQ(value);
          setOffset(0);
        }}
      />
      {products.error && (
        <ErrorNotice what="products" error={products.error} onRetry={() => void products.refetch()} />
      )}
      {products.data && page.length === 0 && <p className="muted">No product matches.</p>}
      {page.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Products" aria-busy={products.isFetching}>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Learned from reorders</th>
                <th scope="col">Consumption period</th>
              </tr>
            </thead>
            <tbody>
              {page.map((product) => (
                <ProductRow key={product.productId} product={product} editable={editable} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Product pages"
        offset={offset}
        pageSize={PRODUCTS_PAGE_SIZE}
        shown={page.length}
        busy={products.isFetching}
        onOffset={setOffset}
      />
    </section>
  );
}

function ProductRow({ product, editable }: { product: Product; editable: boolean }) {
  const setDays = useSetConsumptionDays();
  const name = product.title ?? product.productId;
  return (
    <tr>
      <th scope="row">
        {name}
        {product.title && <span className="muted small"> ({product.productId})</span>}
      </th>
      <td>
        {product.learnedIntervalDays === null
          ? '—'
          : `${Math.round(product.learnedIntervalDays)} days (${product.learnedFrom} reorders)`}
      </td>
      <td>
        <Form
          key={String(product.consumptionDays)}
          className="inline-form"
          initialValues={{ days: product.consumptionDays ?? undefined }}
          onSubmit={({ days }) =>
            setDays.mutateAsync({ productId: product.productId, consumptionDays: days ?? null })
          }
          actions={editable && <SubmitButton label="Set" pendingLabel="Saving…" />}
        >
          {(form) => (
            <fieldset className="settings-fieldset" disabled={!editable}>
              <NumberField
                label={`Days for ${name}`}
                min={1}
                max={3650}
                suffix="days"
                {...form.field('days')}
              />
            </fieldset>
          )}
        </Form>
      </td>
    </tr>
  );
}
