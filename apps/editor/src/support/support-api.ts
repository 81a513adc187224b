// Support's calls: find a customer, open their page, open a run, cancel it or end its delay.
import { getData, request } from '../api-client';
import type {
  AuditEntry,
  CustomerPageData,
  CustomerSummary,
  RunActionRequest,
  RunDetail,
} from '../api-types';

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

export function cancelRun(id: string, action: RunActionRequest): Promise<unknown> {
  return request('POST', `${runPath(id)}/cancel`, action);
}

export function continueRun(id: string, action: RunActionRequest): Promise<unknown> {
  return request('POST', `${runPath(id)}/continue`, action);
}
