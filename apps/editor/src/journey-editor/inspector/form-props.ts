/** What every node form receives: the node's stored data and a way to replace it. */
import type { JourneyNodeType } from '@waypoint/journey';
import type { NodeDataOf } from '../journey-flow';

export interface NodeFormProps<T extends JourneyNodeType> {
  nodeId: string;
  data: NodeDataOf<T>;
  /** `field` names what changed, so consecutive keystrokes in one field are one undo step. */
  onChange: (data: NodeDataOf<T>, field: string) => void;
}
