export * from './normal-distribution';
export * from './proportions';
export * from './means';
export * from './experiment-analysis';
