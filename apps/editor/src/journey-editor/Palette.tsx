// Every step type, grouped, from the node registry. Drag one onto the canvas, or activate it
// (click, Enter, Space) to add it after the selected step, or in the middle of the view.
import type { JourneyNodeType } from '@waypoint/journey';
import type { DragEvent } from 'react';
import { isTriggerType } from './connection-rules';
import { useJourneyDocument, useJourneyView } from './JourneyEditorContext';
import { NODE_GROUPS, NODE_TYPES, nodeRegistry } from './node-registry';
import { NodeIcon } from './NodeIcon';

/** The drag payload type: a node type name, read by the canvas's drop handler. */
export const NODE_TYPE_MIME = 'application/x-waypoint-node-type';

export function Palette({ onAdd }: { onAdd: (type: JourneyNodeType) => void }) {
  const hasTrigger = useJourneyDocument((s) => s.nodes.some((n) => isTriggerType(n.type)));
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const announce = useJourneyView((s) => s.announce);

  function onDragStart(event: DragEvent<HTMLButtonElement>, type: JourneyNodeType) {
    event.dataTransfer.setData(NODE_TYPE_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  }

  return (
    <nav className="palette" aria-label="Steps">
      <h2 className="palette__title">Steps</h2>
      <p className="palette__hint" id="palette-hint">
        Drag onto the canvas, or press Enter to add after the selected step.
      </p>
      {NODE_GROUPS.map(({ group, label }) => (
        <section key={group} className="palette__group" aria-label={label}>
          <h3 className="palette__group-title">{label}</h3>
          <ul className="palette__list">
            {NODE_TYPES.filter((type) => nodeRegistry[type].group === group).map((type) => {
              const kind = nodeRegistry[type];
              const blocked = readOnly || (isTriggerType(type) && hasTrigger);
              return (
                <li key={type}>
                  <button
                    type="button"
                    className={`palette__item palette__item--${group}`}
                    draggable={!blocked}
                    aria-disabled={blocked || undefined}
                    aria-describedby="palette-hint"
                    title={
                      blocked && !readOnly
                        ? 'A journey has one trigger: delete the current one first.'
                        : kind.description
                    }
                    data-node-type={type}
                    onDragStart={(event) => onDragStart(event, type)}
                    onClick={() => {
                      if (!blocked) onAdd(type);
                      else if (!readOnly)
                        announce('A journey has one trigger: delete the current one first.');
                    }}
                  >
                    <NodeIcon name={kind.icon} />
                    {kind.label}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
