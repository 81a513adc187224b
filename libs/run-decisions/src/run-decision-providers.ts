import { BranchDecider } from './branch-decider.service';
import { RunTemplates } from './run-templates.service';
import { RunTiming } from './run-timing.service';
import { SendChecks } from './send-checks.service';
import { SendPolicy } from './send-policy.service';
import { TemplateContextBuilder } from './template-context.service';

/**
 * The decision services as Nest providers, for the worker's module and the API's preview module
 * alike. They need `Database`, `ENVIRONMENT`, `TemplateCatalog` and `StoreProfileReader` provided.
 */
export const RUN_DECISION_PROVIDERS = [
  BranchDecider,
  RunTiming,
  SendChecks,
  SendPolicy,
  RunTemplates,
  TemplateContextBuilder,
];
