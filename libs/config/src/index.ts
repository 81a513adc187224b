export * from './environment.schema';
