/**
 * When a step's card must draw again. React Flow hands a node component its position, measured
 * size, z-index, drag state and more; the card shows none of those (React Flow positions the
 * wrapper around it), so it re-renders only when what it draws from changes. Measuring 300 steps
 * on open, or a drag's every frame, otherwise re-renders every card for nothing.
 */

/** The props the card draws from: its id, journey type, stored data and selection. */
export interface CardDrawnProps {
  id: string;
  type: string;
  data: unknown;
  selected?: boolean;
}

export function sameCardProps(previous: CardDrawnProps, next: CardDrawnProps): boolean {
  return (
    previous.id === next.id &&
    previous.type === next.type &&
    previous.data === next.data &&
    Boolean(previous.selected) === Boolean(next.selected)
  );
}
