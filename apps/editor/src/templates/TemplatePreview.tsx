/**
 * The rendered message beside the editor, as the API rendered it. An email is shown in an iframe
 * with `sandbox=""` (no scripts, no same-origin access, no forms: a template's HTML can do nothing
 * to the editor) at desktop or phone width, with its subject, preheader and plain-text part; an
 * SMS or WhatsApp text as a bubble with its characters, segments and encoding.
 */
import { useId, useState } from 'react';
import type { RenderedEmail, RenderedTemplate, RenderedText } from '../api-types';
import { counterDisplay } from './message-counter';

export const PREVIEW_WIDTHS = { desktop: 640, phone: 375 } as const;
type PreviewWidth = keyof typeof PREVIEW_WIDTHS;

const isEmail = (rendered: RenderedTemplate): rendered is RenderedEmail => 'html' in rendered;

export function TemplatePreview({ rendered, stale }: { rendered: RenderedTemplate; stale: boolean }) {
  return (
    <div
      className={stale ? 'template-preview template-preview--stale' : 'template-preview'}
      aria-busy={stale}
    >
      {isEmail(rendered) ? <EmailPreview email={rendered} /> : <TextPreview text={rendered} />}
    </div>
  );
}

function EmailPreview({ email }: { email: RenderedEmail }) {
  const [width, setWidth] = useState<PreviewWidth>('desktop');
  const name = useId();
  return (
    <>
      <dl className="template-preview__fields">
        <dt>Subject</dt>
        <dd data-field="subject">{email.subject || <span className="muted">(none)</span>}</dd>
        <dt>Preheader</dt>
        <dd data-field="preheader">{email.preheader || <span className="muted">(none)</span>}</dd>
      </dl>
      <fieldset className="template-preview__widths">
        <legend className="visually-hidden">Preview width</legend>
        {(Object.keys(PREVIEW_WIDTHS) as PreviewWidth[]).map((option) => (
          <label key={option} className="template-preview__width">
            <input
              type="radio"
              name={name}
              value={option}
              checked={width === option}
              onChange={() => setWidth(option)}
            />{' '}
            {option === 'desktop' ? 'Desktop' : 'Phone'} ({PREVIEW_WIDTHS[option]} px)
          </label>
        ))}
      </fieldset>
      <div className="template-preview__frame-wrap">
        <iframe
          title="Email preview"
          className="template-preview__frame"
          sandbox=""
          srcDoc={email.html}
          style={{ width: PREVIEW_WIDTHS[width] }}
        />
      </div>
      <h3 className="template-preview__heading">Plain-text part</h3>
      <pre className="template-preview__text" data-field="text">
        {email.text}
      </pre>
    </>
  );
}

function TextPreview({ text }: { text: RenderedText }) {
  const counter = counterDisplay(text);
  return (
    <>
      <div className="template-preview__bubble" data-field="text">
        {text.text}
      </div>
      <p
        className={counter.warn ? 'template-preview__counter warning' : 'template-preview__counter'}
        data-field="counter"
      >
        {counter.summary}
      </p>
      {counter.note && <p className="muted small">{counter.note}</p>}
    </>
  );
}
