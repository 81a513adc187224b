/** The journey's send steps, for the forms that let a rule name one of its messages. */
import { useMemo } from 'react';
import { useJourneyDocument } from '../JourneyEditorContext';
import { sendSteps, type SendStep } from '../message-rules';

export function useSendSteps(): SendStep[] {
  const nodes = useJourneyDocument((s) => s.nodes);
  return useMemo(() => sendSteps(nodes), [nodes]);
}
