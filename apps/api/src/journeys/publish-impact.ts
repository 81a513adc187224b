/**
 * The publish impact's comparison (docs/product.md, "Publishing"): the draft against the live
 * version, node by node (by id), connection by connection and setting by setting. Both sides are
 * read through the journey lib's schemas where they parse, so a default filled in on publishing
 * (a node's position, an edge's `next` handle, a setting's default) is not a change.
 */
import type { PublishImpact } from '@waypoint/contract';
import { journeyEdgeSchema, journeyNodeSchema, journeySettingsSchema } from '@waypoint/journey';

type Graph = { nodes?: unknown; edges?: unknown; settings?: unknown } | null | undefined;
type NodeLike = { id: string; type: string; data?: unknown };

export type GraphChanges = Pick<PublishImpact, 'nodes' | 'edges' | 'settingsChanged'>;

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

const differs = (a: unknown, b: unknown) => canonical(a) !== canonical(b);

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function nodesOf(graph: Graph): Map<string, NodeLike> {
  const nodes = new Map<string, NodeLike>();
  for (const raw of listOf(graph?.nodes)) {
    const parsed = journeyNodeSchema.safeParse(raw);
    const node = (parsed.success ? parsed.data : raw) as Partial<NodeLike> | null;
    if (node && typeof node.id === 'string')
      nodes.set(node.id, {
        id: node.id,
        type: typeof node.type === 'string' ? node.type : '',
        data: node.data,
      });
  }
  return nodes;
}

function edgeKeysOf(graph: Graph): Set<string> {
  const keys = new Set<string>();
  for (const raw of listOf(graph?.edges)) {
    const parsed = journeyEdgeSchema.safeParse(raw);
    if (parsed.success)
      keys.add(canonical([parsed.data.source, parsed.data.sourceHandle, parsed.data.target]));
  }
  return keys;
}

function rawSettingsOf(graph: Graph): Record<string, unknown> {
  const raw = graph?.settings;
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

function settingsOf(graph: Graph): Record<string, unknown> {
  const raw = rawSettingsOf(graph);
  const parsed = journeySettingsSchema.safeParse(raw);
  const settings = parsed.success ? parsed.data : raw;
  return settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
}

/** The fields of a node that differ: `type`, and `data.<key>` per data field (or `data` when not an object). */
function changedFields(live: NodeLike, draft: NodeLike): string[] {
  const fields: string[] = [];
  if (live.type !== draft.type) fields.push('type');
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !Array.isArray(v);
  if (isRecord(live.data) && isRecord(draft.data)) {
    const keys = [...new Set([...Object.keys(live.data), ...Object.keys(draft.data)])].sort();
    for (const key of keys) if (differs(live.data[key], draft.data[key])) fields.push(`data.${key}`);
  } else if (differs(live.data, draft.data)) {
    fields.push('data');
  }
  return fields;
}

/** What the draft changes against the live definition; with no live version, everything is added. */
export function graphChanges(live: Graph, draft: Graph): GraphChanges {
  const liveNodes = nodesOf(live);
  const draftNodes = nodesOf(draft);
  const named = ({ id, type }: NodeLike) => ({ id, type });
  const changed: GraphChanges['nodes']['changed'] = [];
  for (const node of draftNodes.values()) {
    const before = liveNodes.get(node.id);
    const fields = before ? changedFields(before, node) : [];
    if (fields.length > 0) changed.push({ ...named(node), fields });
  }
  const liveEdges = edgeKeysOf(live);
  const draftEdges = edgeKeysOf(draft);
  const liveSettings = settingsOf(live);
  const draftSettings = settingsOf(draft);
  return {
    nodes: {
      added: [...draftNodes.values()].filter((node) => !liveNodes.has(node.id)).map(named),
      removed: [...liveNodes.values()].filter((node) => !draftNodes.has(node.id)).map(named),
      changed,
    },
    edges: {
      added: [...draftEdges].filter((key) => !liveEdges.has(key)).length,
      removed: [...liveEdges].filter((key) => !draftEdges.has(key)).length,
    },
    // Never published: the settings the draft sets are all new.
    settingsChanged: live
      ? [...new Set([...Object.keys(liveSettings), ...Object.keys(draftSettings)])]
          .filter((key) => differs(liveSettings[key], draftSettings[key]))
          .sort()
      : Object.keys(rawSettingsOf(draft)).sort(),
  };
}
