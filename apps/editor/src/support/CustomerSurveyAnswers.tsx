// A customer's survey answers on their page (`GET /v1/customers/{id}/survey-answers`): the survey,
// question, answer and comment, when, and the journey run whose message asked, newest first.
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { surveyQueries } from '../surveys/survey-queries';
import { CUSTOMER_REFRESH_MS } from './support-queries';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function CustomerSurveyAnswers({ customerId }: { customerId: string }) {
  const answers = useQuery({
    ...surveyQueries.customerAnswers(customerId),
    refetchInterval: CUSTOMER_REFRESH_MS,
  });
  return (
    <section aria-labelledby="survey-answers-heading">
      <h2 id="survey-answers-heading">Survey answers</h2>
      {answers.error && !answers.data && (
        <ErrorNotice what="the survey answers" error={answers.error} onRetry={() => void answers.refetch()} />
      )}
      {answers.data?.length === 0 && <p className="muted">This customer has not answered a survey.</p>}
      {answers.data && answers.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Survey answers, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Answer</th>
                <th scope="col">Comment</th>
                <th scope="col">Journey</th>
                <th scope="col">Answered</th>
              </tr>
            </thead>
            <tbody>
              {answers.data.map((a) => (
                <tr key={`${a.runId}:${a.nodeId}:${a.survey}:${a.answeredAt}`} data-survey={a.survey}>
                  <th scope="row" className="table__primary">
                    {a.question} <span className="muted small">({a.survey})</span>
                  </th>
                  <td data-answer={a.answer}>{a.label}</td>
                  <td>{a.comment ?? <span className="muted">—</span>}</td>
                  <td>
                    {a.runId ? (
                      <a href={hrefFor({ page: 'run', id: a.runId })}>{a.journeyName ?? 'the run'}</a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{timeFormat.format(new Date(a.answeredAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
