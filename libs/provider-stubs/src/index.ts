export * from './sendgrid-stub.server';
