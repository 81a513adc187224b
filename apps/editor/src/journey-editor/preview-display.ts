/**
 * How a previewed path reads on the canvas: each node's steps, whether a node is on the path, and
 * the lines a step shows (the reason the run would record, the wait's end in the customer's zone,
 * the message or why it would not go, and what the preview assumed). Pure, tested in the spec.
 */
import type { JourneyPreview, PreviewStep } from '@waypoint/contract';

export function stepsByNode(result: JourneyPreview): Map<string, PreviewStep[]> {
  const map = new Map<string, PreviewStep[]>();
  for (const step of result.steps) map.set(step.nodeId, [...(map.get(step.nodeId) ?? []), step]);
  return map;
}

/** 'on' for a node on the path, 'off' for one the customer would not reach, null without a preview. */
export function pathMark(
  result: JourneyPreview | null,
  steps: PreviewStep[] | undefined,
): 'on' | 'off' | null {
  if (!result) return null;
  return steps && steps.length > 0 ? 'on' : 'off';
}

export interface StepLine {
  kind: 'reason' | 'wait' | 'message' | 'assumption';
  text: string;
}

export function stepLines(step: PreviewStep): StepLine[] {
  const lines: StepLine[] = [{ kind: 'reason', text: step.reason }];
  if (step.wakeAtLocal) {
    const what = step.nodeType.startsWith('send.') ? 'Goes at' : 'Until';
    lines.push({ kind: 'wait', text: `${what} ${step.wakeAtLocal}` });
  }
  if (step.message) {
    const m = step.message;
    lines.push({ kind: 'message', text: m.subject ? `“${m.subject}”` : firstWords(m.text) });
  }
  if (step.assumption) lines.push({ kind: 'assumption', text: step.assumption });
  return lines;
}

function firstWords(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The one line a step shows on its card (the rest is in its title and the panel): a wait's end, else the reason. */
export function cardLine(step: PreviewStep): string {
  const lines = stepLines(step);
  return (lines.find((l) => l.kind === 'wait' && !step.nodeType.startsWith('send.')) ?? lines[0]).text;
}
