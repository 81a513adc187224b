export * from './journey-activities';
export * from './journey-run.workflow';
export * from './split-bucket';
export * from './daily-lifecycle.workflow';
export * from './lifecycle-activities';
