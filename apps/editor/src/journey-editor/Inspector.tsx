// The side panel: the selected step's form (from the node registry), where each of its outputs
// leads (a keyboard way to connect steps), and its pinned problems; with no single step selected,
// the journey's settings.
import type { JourneyNodeType } from '@waypoint/journey';
import type { ComponentType } from 'react';
import { useId } from 'react';
import { checkConnection } from './connection-rules';
import type { NodeFormProps } from './inspector/form-props';
import { JourneySettingsForm } from './JourneySettingsForm';
import { readableProblem } from './journey-problems';
import { selectedNodeId } from './journey-view';
import { useJourneyDocument, useJourneyEditor, useJourneyView } from './JourneyEditorContext';
import { kindOf } from './node-registry';
import { NodeIcon } from './NodeIcon';
import { outputLabel, outputsOfNode, summarizeNode } from './node-summary';

export function Inspector() {
  const nodeId = useJourneyView(selectedNodeId);
  return (
    <aside className="inspector" aria-label="Inspector">
      {nodeId ? <NodeInspector key={nodeId} nodeId={nodeId} /> : <JourneySettingsForm />}
    </aside>
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  const type = useJourneyDocument((s) => s.nodes.find((n) => n.id === nodeId)?.type);
  const data = useJourneyDocument((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const updateNodeData = useJourneyDocument((s) => s.updateNodeData);
  const problems = useJourneyView((s) => s.problemsByNode.get(nodeId));
  const selectOnly = useJourneyView((s) => s.selectOnly);
  const { deleteNode } = useJourneyEditor();
  const headingId = useId();
  const kind = type ? kindOf(type) : undefined;
  if (!type || data === undefined) return null;
  const Form = kind?.Form as ComponentType<NodeFormProps<JourneyNodeType>> | undefined;

  return (
    <section className="inspector__section" aria-labelledby={headingId}>
      <header className="inspector__header">
        <h2 id={headingId}>
          {kind && <NodeIcon name={kind.icon} size={16} />} {kind?.label ?? type}
        </h2>
        <p className="inspector__meta">
          <code>{nodeId}</code> · {summarizeNode({ type, data })}
        </p>
        <button type="button" className="button button--small button--quiet" onClick={() => selectOnly(null)}>
          Journey settings
        </button>
      </header>
      {problems && (
        <div className="inspector__problems" role="group" aria-label="Problems with this step">
          <p className="inspector__problems-title">Fix before publishing</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{readableProblem(problem)}</li>
            ))}
          </ul>
        </div>
      )}
      <fieldset className="inspector__form" disabled={readOnly}>
        <legend className="visually-hidden">{kind?.label ?? type} settings</legend>
        {Form ? (
          <Form
            nodeId={nodeId}
            data={data as NodeFormProps<JourneyNodeType>['data']}
            onChange={(next, field) => updateNodeData(nodeId, next, field)}
          />
        ) : (
          <p className="muted">This editor does not know “{type}” steps; it keeps them as they are.</p>
        )}
      </fieldset>
      <OutputTargets nodeId={nodeId} />
      {!readOnly && (
        <button type="button" className="button button--danger" onClick={() => deleteNode(nodeId)}>
          Delete step
        </button>
      )}
    </section>
  );
}

/** Where each output leads, as selects: connecting steps without dragging. */
function OutputTargets({ nodeId }: { nodeId: string }) {
  const node = useJourneyDocument((s) => s.nodes.find((n) => n.id === nodeId));
  const nodes = useJourneyDocument((s) => s.nodes);
  const edges = useJourneyDocument((s) => s.edges);
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const { setOutputTarget } = useJourneyEditor();
  const legendId = useId();
  const fieldId = useId();
  if (!node) return null;
  const outputs = outputsOfNode(node);
  if (outputs.length === 0) return null;

  return (
    <fieldset className="inspector__outputs" disabled={readOnly} aria-labelledby={legendId}>
      <legend id={legendId} className="field__label">
        Leads to
      </legend>
      {outputs.map((handle, index) => {
        const edge = edges.find((e) => e.source === nodeId && e.sourceHandle === handle);
        const label = outputLabel(node, handle) || 'next';
        const id = `${fieldId}-${index}`;
        return (
          <div className="field" key={handle}>
            <label className="field__label field__label--plain" htmlFor={id}>
              {outputs.length === 1 ? 'Next step' : `Output “${label}”`}
            </label>
            <select
              id={id}
              className="input"
              value={edge?.target ?? ''}
              onChange={(event) => setOutputTarget(nodeId, handle, event.target.value || null)}
            >
              <option value="">— not connected —</option>
              {nodes
                .filter(
                  (candidate) =>
                    candidate.id === edge?.target ||
                    checkConnection(
                      { source: nodeId, sourceHandle: handle, target: candidate.id },
                      nodes,
                      edges,
                      edge?.id,
                    ).ok,
                )
                .map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {kindOf(candidate.type)?.label ?? candidate.type}: {summarizeNode(candidate)} (
                    {candidate.id})
                  </option>
                ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
