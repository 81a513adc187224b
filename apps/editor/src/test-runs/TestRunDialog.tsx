// Starting a test run: your own test profile (made or brought up to date here), the draft or a
// published version, and how the waits are shortened. Refusals (an invalid draft) are shown as
// the API words them.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { journeyQueries } from '../journey-queries';
import { WAIT_CHOICES } from './test-run-display';
import { testRunQueries, useMakeTestProfile, useStartTestRun } from './test-run-queries';

const DRAFT = 'draft';

export function TestRunDialog({
  journeyId,
  beforeStart,
  onStarted,
  onCancel,
}: {
  journeyId: string;
  beforeStart: () => Promise<void>;
  onStarted: (runId: string) => void;
  onCancel: () => void;
}) {
  const profiles = useQuery(testRunQueries.profiles());
  const versions = useQuery(journeyQueries.versions(journeyId));
  const makeProfile = useMakeTestProfile();
  const start = useStartTestRun(journeyId);
  const [source, setSource] = useState(DRAFT);
  const [waitsId, setWaitsId] = useState(WAIT_CHOICES[0].id);
  const sourceId = useId();
  const waitsFieldId = useId();
  const mine = profiles.data?.find((profile) => profile.mine);
  const busy = start.isPending || makeProfile.isPending;

  async function onStart() {
    if (!mine) return;
    await beforeStart();
    const waits = (WAIT_CHOICES.find((choice) => choice.id === waitsId) ?? WAIT_CHOICES[0]).waits;
    start.mutate(
      { customerId: mine.id, waits, ...(source === DRAFT ? {} : { version: Number(source) }) },
      { onSuccess: (run) => onStarted(run.id) },
    );
  }

  return (
    <Dialog title="Test run" busy={busy} onCancel={onCancel}>
      <p>
        A real run of this journey for your own test profile: every message goes to you, waits are shortened,
        and it never counts in the journey’s figures.
      </p>
      {profiles.error && <ErrorNotice what="the test profiles" error={profiles.error} />}
      {profiles.data && !mine && <p>You have no test profile yet. It uses your email and your phone.</p>}
      {mine && (
        <p className="test-run-profile">
          Sends to <strong>{mine.email}</strong>
          {mine.phone ? (
            <>
              {' '}
              and <strong>{mine.phone}</strong>
            </>
          ) : (
            ' (no phone: SMS and WhatsApp steps are skipped; set it on your account)'
          )}
        </p>
      )}
      {profiles.data && (
        <p>
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => makeProfile.mutate()}
          >
            {mine ? 'Update my test profile from my account' : 'Make my test profile'}
          </button>
        </p>
      )}
      {makeProfile.error && <ErrorNotice what="your test profile" error={makeProfile.error} />}
      <div className="field">
        <label htmlFor={sourceId}>Run</label>
        <select id={sourceId} value={source} onChange={(event) => setSource(event.target.value)}>
          <option value={DRAFT}>The draft, as it is now</option>
          {(versions.data ?? []).map((version) => (
            <option key={version.version} value={String(version.version)}>
              Version {version.version}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={waitsFieldId}>Waits</label>
        <select id={waitsFieldId} value={waitsId} onChange={(event) => setWaitsId(event.target.value)}>
          {WAIT_CHOICES.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      {start.error && (
        <p className="field__error" role="alert">
          Could not start: {start.error.message}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!mine || busy}
          onClick={() => void onStart()}
        >
          {start.isPending ? 'Starting…' : 'Start test run'}
        </button>
      </div>
    </Dialog>
  );
}
