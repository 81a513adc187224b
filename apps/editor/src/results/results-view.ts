// Which figures the canvas's steps show and for which range, shared by the results page and the
// canvas so both read the same dates: live totals (the journey's stats, all time), or the results
// of a date range as counts or rates. A preference of this browser tab, not of a journey, so one
// small store for the app rather than one per canvas.
import { createStore, useStore } from 'zustand';
import type { NodeFigureMode } from './results-display';
import type { ResultsRange } from './results-queries';

export interface ResultsViewState {
  /** The range's dates; null for the API's default (the last 30 days). */
  range: ResultsRange | null;
  mode: NodeFigureMode;
  /** Whether the canvas shows the range's figures (true) or the live totals (false). */
  onCanvas: boolean;
  setRange: (range: ResultsRange | null) => void;
  setMode: (mode: NodeFigureMode) => void;
  setOnCanvas: (onCanvas: boolean) => void;
}

export function createResultsView() {
  return createStore<ResultsViewState>()((set) => ({
    range: null,
    mode: 'counts',
    onCanvas: false,
    setRange: (range) => set({ range }),
    setMode: (mode) => set({ mode }),
    setOnCanvas: (onCanvas) => set({ onCanvas }),
  }));
}

const resultsView = createResultsView();

export function useResultsView<T>(selector: (state: ResultsViewState) => T): T {
  return useStore(resultsView, selector);
}
