/**
 * Reading a journey graph: which outputs a node has, where an output leads, which node
 * triggers the journey. Pure functions, used by the validator, the editor and the workflow.
 */
import type { JourneyDefinition, JourneyNode, JourneyNodeType } from './definition.schema';

export const TRIGGER_TYPES: readonly JourneyNodeType[] = ['trigger.event', 'trigger.segment', 'trigger.date'];

export function isTrigger(node: JourneyNode): boolean {
  return TRIGGER_TYPES.includes(node.type);
}

/** The output handles a node offers; every one must be connected for the journey to publish. */
export function outputsOf(node: JourneyNode): string[] {
  switch (node.type) {
    case 'exit':
      return [];
    case 'wait.event':
      return ['event', 'timeout'];
    case 'branch.condition':
      return [...node.data.conditions.map((c) => c.id), 'else'];
    case 'branch.split':
      return node.data.arms.map((a) => a.id);
    default:
      return ['next'];
  }
}

export function findNode(definition: JourneyDefinition, nodeId: string): JourneyNode | undefined {
  return definition.nodes.find((n) => n.id === nodeId);
}

export function triggerOf(definition: JourneyDefinition): JourneyNode | undefined {
  return definition.nodes.find(isTrigger);
}

/** The node an output leads to, or undefined when the output is not connected. */
export function nextNodeId(
  definition: JourneyDefinition,
  nodeId: string,
  handle: string,
): string | undefined {
  return definition.edges.find((e) => e.source === nodeId && e.sourceHandle === handle)?.target;
}
