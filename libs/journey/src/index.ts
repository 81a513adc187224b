export * from './definition.schema';
export * from './duration';
export * from './graph';
export * from './journey-problem';
export * from './validate-journey';
export * from './run-types';
export * from './property-filter';
