/**
 * Survey answers in the query cache (docs/product.md, "Surveys"): a survey's results for
 * marketers, one customer's answers for support. Answers arrive from customers, not from the
 * editor: no mutation invalidates them, so the results are read again whenever they are shown.
 */
import { queryOptions } from '@tanstack/react-query';
import { getData } from '../api-client';
import type { CustomerSurveyAnswers, SurveyResults } from '../api-types';
import { queryKeys } from '../server-state/query-keys';

/** The shipped surveys (libs/channels/src/surveys/surveys.ts), the churn reasons first. */
export const SURVEYS = [
  { name: 'why-left', label: 'Why customers leave' },
  { name: 'satisfaction', label: 'Satisfaction (1–5)' },
  { name: 'nps', label: 'Net promoter score (0–10)' },
] as const;

export const surveyQueries = {
  results: (survey: string) =>
    queryOptions({
      queryKey: queryKeys.surveyResults(survey),
      queryFn: ({ signal }) =>
        getData<SurveyResults>(`/v1/surveys/${encodeURIComponent(survey)}/results`, signal),
    }),
  customerAnswers: (customerId: string) =>
    queryOptions({
      queryKey: queryKeys.customerSurveyAnswers(customerId),
      queryFn: ({ signal }) =>
        getData<CustomerSurveyAnswers>(
          `/v1/customers/${encodeURIComponent(customerId)}/survey-answers`,
          signal,
        ),
      staleTime: 10_000,
    }),
};

/** Each answer's share of the total, in whole percent (0 when nobody answered). */
export function answerShares(results: Pick<SurveyResults, 'answers' | 'total'>): number[] {
  return results.answers.map((a) => (results.total === 0 ? 0 : Math.round((a.count / results.total) * 100)));
}
