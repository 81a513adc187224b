/**
 * "Send test to me": the text being edited, rendered for the previewed customer (or sample data),
 * sent to the signed-in person's own address (email) or phone (SMS, WhatsApp), and where it went:
 * the address, and with no provider configured "sandbox: in the outbox" with a link to the entry.
 * Someone without a phone of their own (the API refuses the SMS test) sets it here and the test
 * goes out again.
 */
import type { Channel } from '@waypoint/journey';
import { useState } from 'react';
import { ApiError } from '../api-error';
import type { TestSendResult } from '../api-types';
import { TextField } from '../forms/fields';
import { hrefFor } from '../hash-route';
import { useSession } from '../session/SessionContext';
import { templateProblem } from './template-problem';
import { useSetOwnPhone, useTestSend } from './templates-queries';

export function TestSendPanel({
  channel,
  source,
  locale,
  customerId,
}: {
  channel: Channel;
  source: string;
  locale: string;
  customerId: string;
}) {
  const { user } = useSession();
  const send = useTestSend();
  const setPhone = useSetOwnPhone();
  const [sent, setSent] = useState<TestSendResult | null>(null);
  const [phone, setPhoneText] = useState('');
  const [askPhone, setAskPhone] = useState(false);
  const toPhone = channel !== 'email';

  const sendTest = async () => {
    setSent(null);
    try {
      setSent(await send.mutateAsync({ channel, source, locale, customerId: customerId || undefined }));
      setAskPhone(false);
    } catch (error) {
      // No phone of one's own: the API refuses with a client error that is not about the template.
      if (
        toPhone &&
        error instanceof ApiError &&
        error.status >= 400 &&
        error.status < 500 &&
        !templateProblem(error)
      )
        setAskPhone(true);
    }
  };

  return (
    <section className="template-panel" aria-labelledby="template-test-heading">
      <h2 id="template-test-heading">Test send</h2>
      <p className="muted small">
        {toPhone ? 'To your own phone' : `To your own address, ${user.email}`}, rendered as in the preview.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => void sendTest()}
          disabled={send.isPending || !source.trim()}
        >
          {send.isPending ? 'Sending…' : 'Send test to me'}
        </button>
        {toPhone && !askPhone && (
          <button type="button" className="button button--quiet" onClick={() => setAskPhone(true)}>
            Set my phone
          </button>
        )}
      </div>
      {send.error && (
        <p className="field__error" role="alert">
          Could not send the test: {send.error.message}
        </p>
      )}
      {sent && (
        <p role="status" className="template-test__sent">
          Sent to <strong>{sent.to}</strong>
          {sent.sandbox ? (
            <>
              {' '}
              (sandbox: in the outbox,{' '}
              <a href={hrefFor({ page: 'outbox-message', id: sent.messageId })}>open it</a>)
            </>
          ) : (
            <>
              {' '}
              (<a href={hrefFor({ page: 'outbox-message', id: sent.messageId })}>in the outbox</a>)
            </>
          )}
          .
        </p>
      )}
      {askPhone && (
        <form
          className="template-test__phone"
          onSubmit={(event) => {
            event.preventDefault();
            void setPhone
              .mutateAsync(phone.trim() || null)
              .then(sendTest)
              .catch(() => undefined);
          }}
        >
          <TextField
            label="Your phone"
            type="text"
            autoComplete="tel"
            value={phone}
            onChange={setPhoneText}
            hint="For your own test messages; a national number is read in the store's country."
            error={setPhone.error?.message}
          />
          <button type="submit" className="button" disabled={setPhone.isPending}>
            {setPhone.isPending ? 'Saving…' : 'Save phone and send'}
          </button>
        </form>
      )}
    </section>
  );
}
