// The problems that stop the journey from publishing, as a list: each step problem is a button
// that selects the step, brings it into view and moves focus to it; journey-level problems open
// the journey settings.
import { useId, useState } from 'react';
import { readableProblem } from './journey-problems';
import { useJourneyDocument, useJourneyView } from './JourneyEditorContext';
import { kindOf } from './node-registry';

export function ProblemsPanel() {
  const problems = useJourneyView((s) => s.problems);
  const nodeTypes = useJourneyDocument((s) => s.nodes.map((n) => `${n.id}\u0000${n.type}`).join('\u0001'));
  const revealNode = useJourneyView((s) => s.revealNode);
  const selectOnly = useJourneyView((s) => s.selectOnly);
  const [open, setOpen] = useState(true);
  const headingId = useId();
  if (problems.length === 0) return null;
  const typeOf = new Map(nodeTypes.split('\u0001').map((pair) => pair.split('\u0000') as [string, string]));

  return (
    <section className="problems" aria-labelledby={headingId}>
      <div className="problems__header">
        <h2 id={headingId} className="problems__title">
          {problems.length} {problems.length === 1 ? 'problem stops' : 'problems stop'} this journey from
          publishing
        </h2>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      {open && (
        <ul className="problems__list">
          {problems.map((problem, index) => {
            const type = problem.nodeId ? typeOf.get(problem.nodeId) : undefined;
            const where = problem.nodeId
              ? `${type ? (kindOf(type)?.label ?? type) : 'Step'} “${problem.nodeId}”`
              : 'Journey';
            return (
              <li key={index}>
                <button
                  type="button"
                  className="problems__item"
                  onClick={() => (problem.nodeId && type ? revealNode(problem.nodeId) : selectOnly(null))}
                >
                  <span className="problems__where">{where}</span> {readableProblem(problem)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
