export * from './customer-metrics';
export * from './lifecycle-settings';
export * from './lifecycle-stage';
export * from './lifecycle-sweep';
export * from './replenishment';
export * from './segments';
export * from './history-import';
export * from './history-recompute';
