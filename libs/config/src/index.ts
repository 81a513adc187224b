export * from './environment.schema';
export * from './temporal-connection';
