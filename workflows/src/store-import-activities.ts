/** The activities of a store history import, as an interface for `import type`. */
export interface StoreImportObjectsResult {
  linesRead: number;
  rowsStored: number;
  malformedLines: number;
}

export interface StoreImportActivities {
  /** Reads one kind's bulk export into the store, resuming after the last batch stored. */
  importStoreObjects(input: {
    runId: string;
    kind: 'customers' | 'orders';
  }): Promise<StoreImportObjectsResult>;
  /** The set-based recompute over the customers the import touched; ends the run. */
  recomputeImportedHistory(input: { runId: string }): Promise<{ customers: number }>;
}
