export * from './journey-activities';
export * from './journey-run.workflow';
export * from './split-bucket';
