/**
 * One query key per API resource the editor reads, in one place: a mutation invalidates exactly
 * the keys of what it changed (see the `*-queries.ts` modules beside the pages that use them).
 * Keys are flat (a resource name, then its parameters), so invalidating one never catches another
 * by prefix by accident.
 */
export const queryKeys = {
  me: ['me'] as const,
  health: ['health'] as const,
  journeys: ['journeys'] as const,
  journey: (id: string) => ['journey', id] as const,
  journeyVersions: (id: string) => ['journey-versions', id] as const,
  journeyStats: (id: string) => ['journey-stats', id] as const,
  journeyExperiments: (id: string) => ['journey-experiments', id] as const,
  publishImpact: (id: string) => ['publish-impact', id] as const,
  templates: ['templates'] as const,
  customerSearch: (q: string) => ['customer-search', q] as const,
  customer: (id: string) => ['customer', id] as const,
  run: (id: string) => ['run', id] as const,
  runAudit: (id: string) => ['run-audit', id] as const,
  outbox: (limit: number) => ['outbox', limit] as const,
  outboxMessage: (id: string) => ['outbox-message', id] as const,
  people: ['people'] as const,
  apiKeys: ['api-keys'] as const,
  auditLog: ['audit-log'] as const,
  storeConnection: ['store-connection'] as const,
  segments: ['segments'] as const,
  segmentMembers: (id: string, q: string, offset: number) => ['segment-members', id, q, offset] as const,
  storeProfile: ['store-profile'] as const,
  lifecycleSettings: ['lifecycle-settings'] as const,
  /** The thresholds previewed, as JSON. */
  lifecyclePreview: (settings: string) => ['lifecycle-preview', settings] as const,
  products: (q: string, offset: number) => ['products', q, offset] as const,
  templateOverview: ['template-overview'] as const,
  template: (channel: string, name: string) => ['template', channel, name] as const,
  templateVersion: (channel: string, name: string, version: number) =>
    ['template-version', channel, name, version] as const,
  templateVariables: (channel: string) => ['template-variables', channel] as const,
  templatePreview: (request: object) => ['template-preview', request] as const,
  dashboard: (days: number) => ['dashboard', days] as const,
  surveyResults: (survey: string) => ['survey-results', survey] as const,
  customerSurveyAnswers: (id: string) => ['customer-survey-answers', id] as const,
  journeyResults: (id: string, from: string, to: string) => ['journey-results', id, from, to] as const,
  testProfiles: ['test-profiles'] as const,
  testRun: (id: string) => ['test-run', id] as const,
} as const;
