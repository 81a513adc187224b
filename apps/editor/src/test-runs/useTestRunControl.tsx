// The journey editor's "Test run": a toolbar button that opens the start dialog (your test
// profile, what to run, how much shorter the waits), then the run followed live below the toolbar
// until closed. The page puts the button in the toolbar and the panel under it; nothing takes room
// on the page until a test run is followed.
import { useState, type ReactNode } from 'react';
import { TestRunDialog } from './TestRunDialog';
import { TestRunFollower } from './TestRunFollower';
import './test-runs.css';

export function useTestRunControl(
  journeyId: string,
  /** Saves the draft first, so the run is of the draft as shown. */
  beforeStart: () => Promise<void>,
): { button: ReactNode; panel: ReactNode } {
  const [choosing, setChoosing] = useState(false);
  const [following, setFollowing] = useState<string | null>(null);
  const button = (
    <button
      type="button"
      className="button button--small"
      title="Run the draft for yourself, waits shortened, sending only to you"
      onClick={() => setChoosing(true)}
    >
      Test run…
    </button>
  );
  const panel = (
    <>
      {following !== null && (
        <div className="test-run-bar">
          <TestRunFollower key={following} runId={following} onClose={() => setFollowing(null)} />
        </div>
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
    </>
  );
  return { button, panel };
}
