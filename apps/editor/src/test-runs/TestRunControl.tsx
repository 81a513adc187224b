// The journey editor's "Test run": a button that opens the start dialog (your test profile, what
// to run, how much shorter the waits), then the run followed live below the toolbar until closed.
import { useState } from 'react';
import { TestRunDialog } from './TestRunDialog';
import { TestRunFollower } from './TestRunFollower';
import './test-runs.css';

export function TestRunControl({
  journeyId,
  beforeStart,
}: {
  journeyId: string;
  /** Saves the draft first, so the run is of the draft as shown. */
  beforeStart: () => Promise<void>;
}) {
  const [choosing, setChoosing] = useState(false);
  const [following, setFollowing] = useState<string | null>(null);
  return (
    <div className="test-run-bar">
      <button type="button" className="button button--small" onClick={() => setChoosing(true)}>
        Test run…
      </button>
      {following === null && (
        <span className="muted test-run-bar__hint">
          Runs the draft for you, with shortened waits, sending only to you.
        </span>
      )}
      {following !== null && (
        <TestRunFollower key={following} runId={following} onClose={() => setFollowing(null)} />
      )}
      {choosing && (
        <TestRunDialog
          journeyId={journeyId}
          beforeStart={beforeStart}
          onStarted={(runId) => {
            setChoosing(false);
            setFollowing(runId);
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </div>
  );
}
