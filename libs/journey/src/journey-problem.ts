/** One thing wrong with a journey graph, pinned to the node it concerns (null: the journey as a whole). */
export interface JourneyProblem {
  nodeId: string | null;
  code: JourneyProblemCode;
  message: string;
}

export type JourneyProblemCode =
  | 'invalid_shape'
  | 'duplicate_node_id'
  | 'no_trigger'
  | 'multiple_triggers'
  | 'unreachable_node'
  | 'edge_unknown_node'
  | 'edge_unknown_output'
  | 'output_not_connected'
  | 'output_connected_twice'
  | 'edge_into_trigger'
  | 'loop_without_wait'
  | 'invalid_duration'
  | 'invalid_percentages'
  | 'template_missing'
  | 'template_invalid'
  | 'template_needs_data'
  | 'invalid_condition'
  | 'invalid_setting'
  | 'unsupported_node';
