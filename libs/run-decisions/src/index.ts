export * from './branch-decider.service';
export * from './refused-coupon';
export * from './run-templates.service';
export * from './run-timing.service';
export * from './send-checks.service';
export * from './send-policy.service';
export * from './store-quiet-hours';
export * from './template-context.service';
