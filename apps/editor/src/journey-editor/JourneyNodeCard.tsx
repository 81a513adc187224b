// One step on the canvas: icon, type, one-line summary, labelled outputs, the problems pinned to
// it after a publish attempt, and on a live journey its counters. Memoised on what it draws
// (sameCardProps: not React Flow's position and size props), and it reads only its own slices
// (its problems from the view, its counts from the cached stats), so measuring, dragging or other
// nodes changing never re-render it.
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { isTriggerType } from './connection-rules';
import type { JourneyFlowNode } from './journey-flow';
import { readableProblem } from './journey-problems';
import { useJourneyView } from './JourneyEditorContext';
import { nodeCounters } from './node-counters';
import { kindOf } from './node-registry';
import { sameCardProps } from './node-card-props';
import { NodeIcon } from './NodeIcon';
import { useNodeStats } from './useNodeStats';
import { useRangeFigures } from './CanvasFigures';
import { useNodePreview } from './usePreview';
import { cardLine, stepLines } from './preview-display';
import { outputLabel, outputsOfNode, summarizeNode } from './node-summary';
import { NODE_WIDTH } from './graph-edits';

const OUTPUT_WIDTH = 96;

/** Wide enough that every output label has room. */
export function nodeWidth(outputCount: number): number {
  return Math.max(NODE_WIDTH, outputCount * OUTPUT_WIDTH);
}

function JourneyNodeCardView({ id, type, data, selected }: NodeProps<JourneyFlowNode>) {
  const kind = kindOf(type);
  const node = { type, data };
  const summary = summarizeNode(node);
  const outputs = outputsOfNode(node);
  const outputsKey = outputs.join('\u0000');
  const problems = useJourneyView((s) => s.problemsByNode.get(id));
  const stats = useNodeStats(id);
  const rangeFigures = useRangeFigures(id, type);
  const preview = useNodePreview(id);
  const updateNodeInternals = useUpdateNodeInternals();

  // Handles come and go with conditions and arms; React Flow must re-read where they are. Not on
  // mount: React Flow measures new nodes itself, and 300 forced re-measures make opening slow.
  const measuredOutputs = useRef(outputsKey);
  useEffect(() => {
    if (measuredOutputs.current === outputsKey) return;
    measuredOutputs.current = outputsKey;
    updateNodeInternals(id);
  }, [id, outputsKey, updateNodeInternals]);

  const classes = [
    'journey-node',
    `journey-node--${kind?.group ?? 'unknown'}`,
    selected ? 'journey-node--selected' : '',
    problems ? 'journey-node--invalid' : '',
    preview.mark ? `journey-node--${preview.mark}-path` : '',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} style={{ width: nodeWidth(outputs.length) }}>
      {!isTriggerType(type) && <Handle type="target" position={Position.Top} className="journey-node__in" />}
      <div className="journey-node__head">
        <NodeIcon name={kind?.icon ?? 'stop'} />
        <span className="journey-node__type">{kind?.label ?? type}</span>
        <span className="journey-node__id">{id}</span>
      </div>
      <p className="journey-node__summary" title={summary}>
        {summary}
      </p>
      {problems && (
        <ul
          className="journey-node__problems"
          aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}
        >
          {problems.map((problem, index) => (
            <li key={index}>{readableProblem(problem)}</li>
          ))}
        </ul>
      )}
      {preview.steps && (
        <ul className="journey-node__preview" aria-label="Preview">
          {preview.steps.map((step) => {
            const line = cardLine(step);
            return (
              <li
                key={step.visit}
                title={stepLines(step)
                  .map((l) => l.text)
                  .join('\n')}
              >
                {line}
              </li>
            );
          })}
        </ul>
      )}
      {rangeFigures ? (
        <ul className="journey-node__counters" aria-label="Figures for the range">
          {rangeFigures.map((figure) => (
            <li key={figure.key} className="counter" data-step-figure={figure.key}>
              <strong>{figure.text}</strong> {figure.label}
            </li>
          ))}
        </ul>
      ) : (
        stats && (
          <ul className="journey-node__counters" aria-label="Counts">
            {nodeCounters(type, stats).map((counter) => (
              <li
                key={counter.key}
                className={counter.tone ? `counter counter--${counter.tone}` : 'counter'}
                data-counter={counter.key}
              >
                <strong>{counter.value}</strong> {counter.label}
              </li>
            ))}
          </ul>
        )
      )}
      {outputs.length > 0 && (
        <div className="journey-node__outputs">
          {outputs.map((handle, index) => {
            const label = outputLabel(node, handle);
            return (
              <div key={handle} className="journey-node__output">
                {label && (
                  <span className="journey-node__output-label" title={label}>
                    {label}
                  </span>
                )}
                <Handle
                  type="source"
                  id={handle}
                  position={Position.Bottom}
                  className="journey-node__out"
                  style={{ left: `${((index + 0.5) / outputs.length) * 100}%` }}
                  aria-label={label ? `Output ${label}` : 'Output'}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

export const JourneyNodeCard = memo(JourneyNodeCardView, sameCardProps);
