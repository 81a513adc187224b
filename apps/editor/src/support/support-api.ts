// Support's calls: find a customer, open their page, open a run, cancel it or end its delay.
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { getData, request } from '../api-client';
import type { JourneyVersion } from '../api-types';

export interface CustomerSummary {
  id: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  lifecycleStage: string | null;
  ordersCount: number;
  totalSpent: number;
  lastOrderAt: string | null;
}

export interface CustomerPageData {
  profile: CustomerSummary & {
    timezone: string | null;
    locale: string | null;
    attributes: Record<string, unknown>;
    tags: string[];
    createdAt: string;
    averageOrderValue: number | null;
    firstOrderAt: string | null;
    meanDaysBetweenOrders: number | null;
    discountShare: number | null;
    loyaltyPoints: number;
    loyaltyTier: string | null;
  };
  value: { totalSpent: number; ordersCount: number; averageOrderValue: number | null };
  consent: Array<{ channel: string; status: string; source: string; updatedAt: string }>;
  consentHistory: Array<{ channel: string; status: string; source: string; recordedAt: string }>;
  events: Array<{
    id: string;
    type: string;
    source: string;
    occurredAt: string;
    properties: Record<string, unknown>;
  }>;
  messages: Array<{
    id: string;
    runId: string;
    journeyName: string;
    channel: string;
    to: string;
    subject: string | null;
    status: string;
    error: string | null;
    createdAt: string;
    deliveryStatus: string | null;
  }>;
  runs: Array<{
    id: string;
    journeyId: string;
    journeyName: string;
    version: number;
    status: string;
    statusReason: string | null;
    currentNodeId: string | null;
    startedAt: string;
    finishedAt: string | null;
  }>;
}

export interface RunStep {
  nodeId: string;
  nodeType: string;
  visit: number;
  outcome: 'completed' | 'waiting' | 'skipped' | 'failed';
  enteredAt: string;
  finishedAt: string | null;
  branch: string | null;
  reason: string | null;
  wakeAt: string | null;
  message: {
    id: string;
    channel: string;
    to: string;
    subject: string | null;
    status: string;
    provider: string;
    sentAt: string | null;
    deliveryStatus: string | null;
    deliveredAt: string | null;
    openedAt: string | null;
    clickedAt: string | null;
    bouncedAt: string | null;
    deliveryError: string | null;
  } | null;
}

export interface RunDetail {
  id: string;
  journey: { id: string; name: string };
  version: number;
  customerId: string;
  status: string;
  statusReason: string | null;
  currentNodeId: string | null;
  waitingFor: {
    nodeId: string;
    nodeType: string;
    visit: number;
    until: string | null;
    canContinueNow: boolean;
  } | null;
  startedAt: string;
  finishedAt: string | null;
  workflowId: string;
  temporalUrl: string;
  steps: RunStep[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: { type: string; id: string };
  reason: string | null;
  detail: Record<string, unknown>;
}

const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;
const runPath = (id: string) => `/v1/runs/${encodeURIComponent(id)}`;

export function searchCustomers(q: string, signal?: AbortSignal): Promise<CustomerSummary[]> {
  return getData(`/v1/customers?q=${encodeURIComponent(q)}`, signal);
}

export function getCustomerPage(id: string, signal?: AbortSignal): Promise<CustomerPageData> {
  return getData(customerPath(id), signal);
}

export function getRun(id: string, signal?: AbortSignal): Promise<RunDetail> {
  return getData(runPath(id), signal);
}

export function getRunAudit(id: string, signal?: AbortSignal): Promise<AuditEntry[]> {
  return getData(`${runPath(id)}/audit`, signal);
}

export function cancelRun(id: string, reason: string): Promise<unknown> {
  return request('POST', `${runPath(id)}/cancel`, { reason });
}

export function continueRun(id: string, reason: string): Promise<unknown> {
  return request('POST', `${runPath(id)}/continue`, { reason });
}

/** The graph a run walks: its pinned version's definition. */
export async function getRunDefinition(
  journeyId: string,
  version: number,
  signal?: AbortSignal,
): Promise<JourneyDefinitionInput | undefined> {
  const versions = await getData<JourneyVersion[]>(
    `/v1/journeys/${encodeURIComponent(journeyId)}/versions`,
    signal,
  );
  return versions.find((v) => v.version === version)?.definition;
}
