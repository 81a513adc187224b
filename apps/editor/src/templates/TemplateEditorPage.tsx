// One template (`#/templates/<channel>/<name>`, marketers): its locale variants as tabs, the
// source in a code editor (an email's subject and preheader also as inputs above it, kept in the
// source's front matter), the live preview beside it, a test send to oneself, saving a variant as
// a new version, and the versions with the journeys that use each. A name the API does not know
// yet is a new template: it exists once its first variant is saved.
import { useQuery } from '@tanstack/react-query';
import type { Channel } from '@waypoint/journey';
import { useEffect, useMemo, useState } from 'react';
import type { TemplateSource } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { TextField } from '../forms/fields';
import { hrefFor } from '../hash-route';
import { useSession } from '../session/SessionContext';
import { StatusPill } from '../StatusPill';
import { readFrontMatterField, setFrontMatterField } from './front-matter';
import {
  addVariant,
  draftsFrom,
  editVariant,
  isUnsaved,
  markSaved,
  mergeSaved,
  removeVariant,
  type VariantDraft,
} from './locale-variants';
import { LocaleTabs } from './LocaleTabs';
import { PreviewPanel, useTemplatePreview, type PreviewChoice } from './PreviewPanel';
import { TemplateCodeEditor } from './TemplateCodeEditor';
import { CHANNEL_LABELS } from './template-names';
import { problemText, templateProblem, type TemplateProblem } from './template-problem';
import { TemplateVersions } from './TemplateVersions';
import { UsedBy } from './TemplatesPage';
import { templatePageQueries, useDeleteTemplateLocale, useSaveTemplate } from './templates-queries';
import { TestSendPanel } from './TestSendPanel';
import './templates.css';

/**
 * Unsaved text per person and template: following a link away (a journey using the template, the
 * outbox) and coming back finds it again. A reload loses it, which the browser warns about.
 */
const unsavedDrafts = new Map<string, VariantDraft[]>();

/** The variants of the latest version (an API answering only `source` gives it as one variant). */
function variantsOf(template: TemplateSource | null): Array<{ locale: string; source: string }> {
  if (!template) return [];
  // (`variants` may be missing from an API older than template versions.)
  if (template.variants?.length > 0) return template.variants;
  return [{ locale: template.locale ?? 'en', source: template.source }];
}

export function TemplateEditorPage({ channel, name }: { channel: Channel; name: string }) {
  const template = useQuery(templatePageQueries.template(channel, name));
  const variables = useQuery(templatePageQueries.variables(channel));
  const { user } = useSession();
  const stashKey = `${user.id}:${channel}/${name}`;
  const [drafts, setDrafts] = useState<VariantDraft[] | null>(() => unsavedDrafts.get(stashKey) ?? null);
  const [active, setActive] = useState<string | undefined>();
  const [choice, setChoice] = useState<PreviewChoice>({ customerId: '', variant: 'editing' });
  const [saveProblem, setSaveProblem] = useState<TemplateProblem | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const save = useSaveTemplate(channel, name);
  const remove = useDeleteTemplateLocale(channel, name);

  // The API's answer becomes the drafts; a fresh answer later keeps what is being typed.
  useEffect(() => {
    if (template.data === undefined) return;
    const variants = variantsOf(template.data);
    setDrafts((current) => (current === null ? draftsFrom(variants) : mergeSaved(current, variants)));
  }, [template.data]);

  useEffect(() => {
    if (drafts?.some(isUnsaved)) unsavedDrafts.set(stashKey, drafts);
    else unsavedDrafts.delete(stashKey);
  }, [drafts, stashKey]);

  const current = drafts?.find((d) => d.locale === active) ?? drafts?.[0];
  const editing = useMemo(
    () => (current ? { locale: current.locale, source: current.source } : undefined),
    [current?.locale, current?.source],
  );
  const preview = useTemplatePreview(channel, name, editing, choice);
  const problem = saveProblem ?? preview.problem;
  const anyUnsaved = drafts?.some(isUnsaved) ?? false;

  // Reloading or closing the tab with unsaved text asks first (within the app it is kept above).
  useEffect(() => {
    if (!anyUnsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyUnsaved]);

  const edit = (source: string) => {
    if (!current) return;
    setDrafts((d) => editVariant(d ?? [], current.locale, source));
    setSaveProblem(null);
    setSavedNote(null);
  };

  const saveCurrent = async () => {
    if (!current) return;
    const { locale, source } = current;
    setSaveError(null);
    setSaveProblem(null);
    try {
      await save.mutateAsync({ locale, source });
      setDrafts((d) => markSaved(d ?? [], locale, source));
      setSavedNote(`Saved ${locale} as a new version.`);
    } catch (error) {
      const refused = templateProblem(error);
      if (refused) setSaveProblem(refused);
      else setSaveError(error instanceof Error ? error.message : String(error));
    }
  };

  const deleteLocale = async (locale: string) => {
    const draft = drafts?.find((d) => d.locale === locale);
    if (draft && draft.saved !== null) await remove.mutateAsync(locale);
    setDrafts((d) => removeVariant(d ?? [], locale));
    setActive(undefined);
  };

  const data = template.data;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <a href={hrefFor({ page: 'templates' })}>Templates</a> / {CHANNEL_LABELS[channel]}
          </p>
          <h1>
            {name}{' '}
            <StatusPill tone={data === null ? 'info' : data?.saved ? 'success' : 'neutral'}>
              {data === null ? 'new' : data?.version ? `v${data.version}` : 'shipped'}
            </StatusPill>
          </h1>
          {data && data.usedBy.length > 0 && (
            <div className="template-used-by">
              <span className="muted">Used by</span> <UsedBy uses={data.usedBy} />
            </div>
          )}
        </div>
        <div className="page-header__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void saveCurrent()}
            disabled={!current || !isUnsaved(current) || save.isPending}
          >
            {save.isPending ? 'Saving…' : current ? `Save ${current.locale}` : 'Save'}
          </button>
        </div>
      </header>
      {template.error && (
        <ErrorNotice
          what="the template"
          error={template.error}
          onRetry={() => void template.refetch()}
          retrying={template.isFetching}
        />
      )}
      {template.isPending && (
        <p className="placeholder" role="status">
          Loading the template…
        </p>
      )}
      {drafts && (
        <div className="template-workspace">
          <section className="template-workspace__editor" aria-label="Source">
            <LocaleTabs
              drafts={drafts}
              active={current?.locale}
              onSelect={setActive}
              onAdd={(locale, copyFrom) => {
                setDrafts((d) => addVariant(d ?? [], locale, channel, copyFrom));
                setActive(locale);
              }}
              onDelete={deleteLocale}
              // Shipped files are not deleted here: a variant can go once it is saved, or before.
              mayDelete={(draft) => draft.saved === null || Boolean(data?.saved)}
              deleting={remove.isPending}
            />
            {remove.error && (
              <p className="field__error" role="alert">
                Could not delete the locale: {remove.error.message}
              </p>
            )}
            {!current && (
              <p className="placeholder">
                {data === null ? `A new ${CHANNEL_LABELS[channel]} template. ` : ''}No text yet: add a locale
                to start.
              </p>
            )}
            {current && (
              <>
                {channel === 'email' && (
                  <div className="template-fields">
                    {(['subject', 'preheader'] as const).map((key) => (
                      <TextField
                        key={`${current.locale}-${key}`}
                        label={key === 'subject' ? 'Subject' : 'Preheader'}
                        value={readFrontMatterField(current.source, key) ?? ''}
                        onChange={(value) => edit(setFrontMatterField(current.source, key, value))}
                      />
                    ))}
                  </div>
                )}
                <TemplateCodeEditor
                  key={current.locale}
                  channel={channel}
                  label={`Template source (${current.locale})`}
                  value={current.source}
                  onChange={edit}
                  variables={variables.data ?? []}
                  problem={problem}
                />
                {problem && (
                  <p
                    className="field__error template-problem"
                    role="alert"
                    data-problem-line={problem.line ?? ''}
                  >
                    {problemText(problem)}
                    {problem.name && !problem.message.includes(problem.name) && (
                      <>
                        {' '}
                        (<code>{problem.name}</code>)
                      </>
                    )}
                  </p>
                )}
                {saveError && (
                  <p className="field__error" role="alert">
                    Could not save: {saveError}
                  </p>
                )}
                {savedNote && (
                  <p className="muted" role="status">
                    {savedNote}
                  </p>
                )}
                <p className="muted small">
                  Type <code>{'{{'}</code> for the variables and helpers. Values that may be missing (custom
                  attributes, event properties) render empty, or with <code>{'{{default x "…"}}'}</code>.
                </p>
              </>
            )}
          </section>
          <div className="template-workspace__side">
            <PreviewPanel
              choice={choice}
              onChoice={setChoice}
              editingLocale={current?.locale}
              saved={Boolean(data)}
              {...preview}
            />
            {current && (
              <TestSendPanel
                channel={channel}
                source={current.source}
                locale={current.locale}
                customerId={choice.customerId}
              />
            )}
          </div>
        </div>
      )}
      {data && <TemplateVersions template={data} />}
    </>
  );
}
