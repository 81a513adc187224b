export * from './journey-activities';
export * from './journey-run.workflow';
