// How a survey was answered (`GET /v1/surveys/{survey}/results`), on the dashboard: the share of
// each answer as a bar with its count, "why customers leave" first (docs/product.md, "Surveys").
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { answerShares, SURVEYS, surveyQueries } from './survey-queries';
import './surveys.css';

const count = new Intl.NumberFormat();

export function SurveyResultsPanel() {
  const [survey, setSurvey] = useState<string>(SURVEYS[0].name);
  const results = useQuery(surveyQueries.results(survey));
  const headingId = useId();
  const selectId = useId();
  const data = results.data;
  const shares = data ? answerShares(data) : [];

  return (
    <section aria-labelledby={headingId} className="section survey-results">
      <div className="survey-results__head">
        <h2 id={headingId}>Survey answers</h2>
        <label htmlFor={selectId}>Survey </label>
        <select id={selectId} value={survey} onChange={(event) => setSurvey(event.target.value)}>
          {SURVEYS.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {results.error && (
        <ErrorNotice
          what="the survey answers"
          error={results.error}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      )}
      {results.isPending && (
        <p className="placeholder" role="status">
          Loading the answers…
        </p>
      )}
      {data && (
        <>
          <p className="muted">
            “{data.question}”: {count.format(data.total)} answer{data.total === 1 ? '' : 's'}
            {data.comments > 0 && `, ${count.format(data.comments)} with a comment`}.
          </p>
          <table className="table survey-results__table" data-survey={data.survey}>
            <caption className="visually-hidden">Answers to “{data.question}”</caption>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col">Answers</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {data.answers.map((a, i) => (
                <tr key={a.answer} data-answer={a.answer}>
                  <th scope="row">{a.label}</th>
                  <td className="numeric">{count.format(a.count)}</td>
                  <td>
                    <span className="survey-results__bar" aria-hidden="true">
                      <span style={{ width: `${shares[i]}%` }} />
                    </span>{' '}
                    {shares[i]} %
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
