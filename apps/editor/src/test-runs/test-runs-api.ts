// Test runs' calls: the test profiles (list, make or refresh mine), start a test run, read one.
import { getData, request } from '../api-client';
import type { StartTestRunRequest, TestProfile, TestRun, TestRunDetail } from '../api-types';

export function listTestProfiles(signal?: AbortSignal): Promise<TestProfile[]> {
  return getData('/v1/test-profiles', signal);
}

export function makeTestProfile(): Promise<TestProfile> {
  return request('POST', '/v1/test-profiles');
}

export function startTestRun(journeyId: string, body: StartTestRunRequest): Promise<TestRun> {
  return request('POST', `/v1/journeys/${encodeURIComponent(journeyId)}/test-runs`, body);
}

export function getTestRun(id: string, signal?: AbortSignal): Promise<TestRunDetail> {
  return getData(`/v1/test-runs/${encodeURIComponent(id)}`, signal);
}
