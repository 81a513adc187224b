/** The activity behind the daily lifecycle schedule, as an interface for `import type`. */
export interface LifecycleActivities {
  sweepLifecycle(input: { asOf: string }): Promise<{
    stageChanges: number;
    replenishmentsDue: number;
    productsLearned: number;
    segmentEntries: number;
    birthdays: number;
    /** "Bought together" pairs kept (docs/product.md, "Products"). */
    productPairs: number;
  }>;
}
