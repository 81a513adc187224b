// Segments (`#/segments`, marketers): the shipped presets and saved segments with their live count,
// CLTV (total and average), average order value, revenue of the last days and the journeys they
// trigger; creating and editing one with the canvas's condition builder; a segment's members, a
// page at a time and searchable; and its CSV export (streamed by the API, a plain download link).
import { useQuery } from '@tanstack/react-query';
import type { Condition } from '@waypoint/journey';
import { useState } from 'react';
import type { Segment } from '../api-types';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { TextAreaField, TextField } from '../forms/fields';
import { DialogActions, Form, SubmitButton } from '../forms/Form';
import { hrefFor } from '../hash-route';
import { Pager } from '../Pager';
import { ConditionBuilder } from '../journey-editor/inspector/ConditionBuilder';
import { StatusPill } from '../StatusPill';
import { segmentCsvHref } from './segments-api';
import { MEMBERS_PAGE_SIZE, segmentQueries, useCreateSegment, useUpdateSegment } from './segments-queries';

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const count = new Intl.NumberFormat();
const amount = (value: number | null) => (value === null ? '—' : money.format(value));

export function SegmentsPage() {
  const segments = useQuery(segmentQueries.list());
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = segments.data?.find((s) => s.id === openId);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Segments</h1>
          <p className="page-header__lead">
            Groups of customers by a condition, with what they are worth: counted live, refreshed daily for
            journeys that start on entry.
          </p>
        </div>
        <div className="page-header__actions">
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            New segment
          </button>
        </div>
      </header>
      {segments.error && (
        <ErrorNotice
          what="segments"
          error={segments.error}
          onRetry={() => void segments.refetch()}
          retrying={segments.isFetching}
        />
      )}
      {segments.isPending && (
        <p className="placeholder" role="status">
          Loading segments…
        </p>
      )}
      {segments.data && (
        <div className="table-wrap">
          <table className="table" aria-label="Segments">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" className="numeric">
                  Customers
                </th>
                <th scope="col" className="numeric">
                  CLTV total
                </th>
                <th scope="col" className="numeric">
                  CLTV average
                </th>
                <th scope="col" className="numeric">
                  Average order
                </th>
                <th scope="col" className="numeric">
                  Revenue
                </th>
                <th scope="col">Triggers</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {segments.data.map((segment) => (
                <SegmentRow
                  key={segment.id}
                  segment={segment}
                  onEdit={() => setEditing(segment)}
                  onMembers={() => setOpenId(segment.id === openId ? null : segment.id)}
                  membersOpen={segment.id === openId}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {segments.data && segments.data.length > 0 && (
        <p className="muted">
          Revenue: orders placed in the last {segments.data[0].revenueDays} days by today's members (cancelled
          orders left out). CLTV: what members have spent in all.
        </p>
      )}
      {open && <Members key={open.id} segment={open} />}
      {editing && (
        <SegmentDialog
          segment={editing === 'new' ? undefined : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setOpenId(saved.id);
          }}
        />
      )}
    </>
  );
}

function SegmentRow({
  segment,
  onEdit,
  onMembers,
  membersOpen,
}: {
  segment: Segment;
  onEdit: () => void;
  onMembers: () => void;
  membersOpen: boolean;
}) {
  return (
    <tr>
      <th scope="row">
        <span className="segment-name">{segment.name}</span>{' '}
        {segment.key && <StatusPill tone="neutral">preset</StatusPill>}
        {segment.description && <div className="muted">{segment.description}</div>}
      </th>
      <td className="numeric" data-label="count">
        {count.format(segment.count)}
      </td>
      <td className="numeric" data-label="cltv-total">
        {money.format(segment.totalSpent)}
      </td>
      <td className="numeric" data-label="cltv-average">
        {money.format(segment.averageSpent)}
      </td>
      <td className="numeric">{amount(segment.averageOrderValue)}</td>
      <td className="numeric">{money.format(segment.revenue)}</td>
      <td>
        {segment.journeys.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="plain-list">
            {segment.journeys.map((journey) => (
              <li key={journey.id}>
                <a href={hrefFor({ page: 'journey', id: journey.id })}>{journey.name}</a>{' '}
                <span className="muted">({journey.status})</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="table__actions">
        <button type="button" className="button" onClick={onMembers} aria-expanded={membersOpen}>
          Members
        </button>{' '}
        <button type="button" className="button" onClick={onEdit}>
          Edit
        </button>{' '}
        <a className="button" href={segmentCsvHref(segment.id)} download>
          Export CSV
        </a>
      </td>
    </tr>
  );
}

interface SegmentValues {
  name: string;
  description: string;
  condition: Condition | undefined;
}

function SegmentDialog({ segment, onDone }: { segment?: Segment; onDone: (saved?: Segment) => void }) {
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const busy = create.isPending || update.isPending;
  const title = segment ? `Edit ${segment.name}` : 'New segment';

  return (
    <Dialog title={title} wide busy={busy} onCancel={() => onDone()}>
      <Form<SegmentValues>
        initialValues={{
          name: segment?.name ?? '',
          description: segment?.description ?? '',
          condition: segment?.condition,
        }}
        validate={(values) => ({
          name: values.name.trim() ? undefined : 'Give the segment a name.',
          condition: values.condition ? undefined : 'Add at least one rule.',
        })}
        errorPrefix={segment ? 'Could not save the segment: ' : 'Could not create the segment: '}
        onSubmit={async (values) => {
          const body = {
            name: values.name.trim(),
            description: values.description.trim() || undefined,
            condition: values.condition!,
          };
          const saved = segment
            ? await update.mutateAsync({ id: segment.id, ...body, description: body.description ?? null })
            : await create.mutateAsync(body);
          onDone(saved);
        }}
        actions={
          <DialogActions
            onCancel={() => onDone()}
            label={segment ? 'Save segment' : 'Create segment'}
            pendingLabel="Saving…"
          />
        }
      >
        {(form) => (
          <>
            <TextField label="Name" required maxLength={200} autoFocus {...form.field('name')} />
            <TextAreaField
              label="Description"
              code={false}
              rows={2}
              maxLength={1000}
              {...form.field('description')}
            />
            <ConditionBuilder
              label="Customers who match"
              value={form.values.condition}
              onChange={(condition) => form.set('condition', condition)}
              emptyText="No rule yet: add one."
            />
            {form.field('condition').error && (
              <p className="field__error" role="alert">
                {form.field('condition').error}
              </p>
            )}
          </>
        )}
      </Form>
    </Dialog>
  );
}

function Members({ segment }: { segment: Segment }) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const members = useQuery(segmentQueries.members(segment.id, q, offset));
  const page = members.data ?? [];

  return (
    <section aria-labelledby="members-heading" className="card">
      <h2 id="members-heading">Members of {segment.name}</h2>
      <Form
        className="search-form"
        role="search"
        initialValues={{ text: q }}
        onSubmit={async ({ text }) => {
          setQ(text.trim());
          setOffset(0);
        }}
      >
        {(form) => (
          <TextField
            label="Email or name begins with"
            type="search"
            {...form.field('text')}
            addon={<SubmitButton label="Search" pendingLabel="Search" />}
          />
        )}
      </Form>
      {members.error && (
        <ErrorNotice what="members" error={members.error} onRetry={() => void members.refetch()} />
      )}
      {members.isPending && (
        <p className="placeholder" role="status">
          Loading members…
        </p>
      )}
      {members.data && page.length === 0 && (
        <p className="empty" role="status">
          {q ? `No member matches “${q}”.` : 'No customer matches this segment yet.'}
        </p>
      )}
      {page.length > 0 && (
        <table className="table" aria-label="Members">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Stage</th>
              <th scope="col" className="numeric">
                Orders
              </th>
              <th scope="col" className="numeric">
                Spent
              </th>
            </tr>
          </thead>
          <tbody>
            {page.map((member) => (
              <tr key={member.id}>
                <td>{member.email ?? '—'}</td>
                <td>{[member.firstName, member.lastName].filter(Boolean).join(' ') || '—'}</td>
                <td>{member.lifecycleStage}</td>
                <td className="numeric">{member.ordersCount}</td>
                <td className="numeric">{money.format(member.totalSpent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        label="Members pages"
        offset={offset}
        pageSize={MEMBERS_PAGE_SIZE}
        shown={page.length}
        busy={members.isFetching}
        onOffset={setOffset}
        after={
          <a className="button" href={segmentCsvHref(segment.id)} download>
            Export CSV
          </a>
        }
      >
        <span className="muted">
          {page.length > 0 ? `${offset + 1}–${offset + page.length}` : ''}
          {!q && ` of ${count.format(segment.count)}`}
        </span>
      </Pager>
    </section>
  );
}
