/** One-click surveys (docs/product.md, "Surveys"): the hosted answer page and the results. */
import { z } from 'zod';
import { data, isoDateTime, text } from './http';

/** `/s/{token}`: the signed token of one answer link (run, node, survey, answer). */
export const surveyAnswerParams = z.object({
  token: text(700).min(1).describe('The token of an answer link in a sent message'),
});

/** The comment form of the thank-you page. */
export const surveyCommentForm = z
  .strictObject({ comment: text(2000).describe('What the customer adds to the answer') })
  .meta({ title: 'SurveyComment' });
export type SurveyCommentForm = z.infer<typeof surveyCommentForm>;

export const surveyResultsParams = z.object({
  survey: text(100).min(1).describe('The survey: satisfaction, nps or why-left'),
});

export const surveyResultsQuery = z.object({
  from: isoDateTime.optional().describe('Only answers given at or after this instant'),
  to: isoDateTime.optional().describe('Only answers given before this instant'),
});
export type SurveyResultsQuery = z.infer<typeof surveyResultsQuery>;

export const surveyResultsSchema = data(
  z.object({
    survey: z.string(),
    question: z.string().describe('The question, in English'),
    from: isoDateTime.nullable(),
    to: isoDateTime.nullable(),
    total: z.number().int().describe('Answers recorded (one per answer link followed)'),
    comments: z.number().int().describe('Answers that came with a comment'),
    answers: z.array(
      z.object({
        answer: z.string(),
        label: z.string().describe('The answer, in English'),
        count: z.number().int(),
      }),
    ),
  }),
).meta({ title: 'SurveyResults' });
export type SurveyResults = z.infer<typeof surveyResultsSchema>['data'];

/** `GET /v1/customers/{id}/survey-answers`: one customer's answers, for the support page. */
export const customerSurveyAnswersSchema = data(
  z.array(
    z.object({
      survey: z.string().describe('satisfaction, nps or why-left'),
      question: z.string().describe('The question, in English'),
      answer: z.string(),
      label: z.string().describe('The answer, in English'),
      comment: z.string().nullable().describe('What the customer added on the thank-you page'),
      answeredAt: isoDateTime,
      runId: z.string().nullable().describe('The run whose message asked'),
      nodeId: z.string().nullable().describe('The send step whose message asked'),
      journeyId: z.string().nullable(),
      journeyName: z.string().nullable(),
    }),
  ),
).meta({ title: 'CustomerSurveyAnswers' });
export type CustomerSurveyAnswers = z.infer<typeof customerSurveyAnswersSchema>['data'];
