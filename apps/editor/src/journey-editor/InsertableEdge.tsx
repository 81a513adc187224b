// A connection on the canvas, with a `+` at its middle that inserts a step there: the menu lists
// every step type that can sit between two steps (the registry's, minus triggers and the exit).
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import type { JourneyNodeType } from '@waypoint/journey';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { JourneyFlowEdge } from './journey-flow';
import { useJourneyDocument, useJourneyEditor } from './JourneyEditorContext';
import { NODE_TYPES, nodeRegistry } from './node-registry';
import { NodeIcon } from './NodeIcon';

const INSERTABLE = NODE_TYPES.filter((type) => !type.startsWith('trigger.') && type !== 'exit');

function InsertableEdgeView({
  id,
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  selected,
}: EdgeProps<JourneyFlowEdge>) {
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
  });
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const { insertOnEdge } = useJourneyEditor();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={selected ? 'journey-edge journey-edge--selected' : 'journey-edge'}
      />
      {!readOnly && (
        <EdgeLabelRenderer>
          <div
            className="edge-insert nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            <button
              ref={toggle}
              type="button"
              className="edge-insert__button"
              aria-label={`Insert a step between ${source} and ${target}`}
              aria-haspopup="menu"
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              +
            </button>
            {open && (
              <InsertMenu
                onPick={(type) => {
                  setOpen(false);
                  insertOnEdge(id, type);
                }}
                onClose={(refocus) => {
                  setOpen(false);
                  if (refocus) toggle.current?.focus();
                }}
              />
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

function InsertMenu({
  onPick,
  onClose,
}: {
  onPick: (type: JourneyNodeType) => void;
  onClose: (refocus: boolean) => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  return (
    <div
      ref={menu}
      className="insert-menu"
      role="menu"
      aria-label="Insert a step"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!menu.current?.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      {INSERTABLE.map((type) => (
        <button
          key={type}
          type="button"
          role="menuitem"
          className="insert-menu__item"
          onClick={() => onPick(type)}
        >
          <NodeIcon name={nodeRegistry[type].icon} />
          {nodeRegistry[type].label}
        </button>
      ))}
    </div>
  );
}

export const InsertableEdge = memo(InsertableEdgeView);
