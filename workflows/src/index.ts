export * from './journey-activities';
export * from './journey-run.workflow';
export * from './split-bucket';
export * from './daily-lifecycle.workflow';
export * from './lifecycle-activities';
export * from './store-import.workflow';
export * from './store-import-activities';
export * from './send-lanes';
