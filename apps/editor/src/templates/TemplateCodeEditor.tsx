/**
 * The template source in CodeMirror 6: HTML highlighting for email, `{{…}}` marked in every
 * channel, the variables offered as you type inside `{{`, and the API's refusal (line, column,
 * the missing name) marked in the text as a lint diagnostic. Tab leaves the editor (Escape, then
 * Tab, in CodeMirror's own words) so keyboard users are not trapped in it.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { html, htmlCompletionSource } from '@codemirror/lang-html';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import type { Channel } from '@waypoint/journey';
import { useEffect, useMemo, useRef } from 'react';
import type { TemplateVariable } from '../api-types';
import { completeTemplate } from './template-completion';
import { problemRange, problemText, type TemplateProblem } from './template-problem';

const mustacheMarks = new MatchDecorator({
  regexp: /\{\{\{?[^{}]*\}?\}\}/g,
  decoration: Decoration.mark({ class: 'cm-mustache' }),
});

/** Marks every `{{…}}` (Handlebars in HTML, or in plain SMS text). */
const mustache = ViewPlugin.fromClass(
  class {
    decorations;
    constructor(view: EditorView) {
      this.decorations = mustacheMarks.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = mustacheMarks.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

export function TemplateCodeEditor({
  channel,
  label,
  value,
  onChange,
  variables,
  problem,
  readOnly = false,
}: {
  channel: Channel;
  /** The accessible name of the text box. */
  label: string;
  value: string;
  onChange?: (value: string) => void;
  variables: readonly TemplateVariable[];
  /** The API's refusal of this text, marked where it points. */
  problem?: TemplateProblem | null;
  readOnly?: boolean;
}) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  // The completion source reads the newest list without rebuilding the editor's extensions.
  const variablesRef = useRef(variables);
  variablesRef.current = variables;

  const extensions = useMemo<Extension[]>(() => {
    const templateCompletion = (context: CompletionContext): CompletionResult | null => {
      const line = context.state.doc.lineAt(context.pos);
      const result = completeTemplate(
        line.text.slice(0, context.pos - line.from),
        context.pos,
        variablesRef.current,
      );
      return result && { from: result.from, options: result.options, validFor: /^[#/]?[\w.@]*$/ };
    };
    return [
      ...(channel === 'email' ? [html({ autoCloseTags: false })] : []),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      mustache,
      autocompletion({
        override: channel === 'email' ? [templateCompletion, htmlCompletionSource] : [templateCompletion],
      }),
      lintGutter(),
    ];
  }, [channel, label]);

  // The refusal as a diagnostic, replaced whenever the API answers again (cleared when it renders).
  useEffect(() => {
    const view = editor.current?.view;
    if (!view) return;
    const doc = view.state.doc.toString();
    const range = problem ? problemRange(doc, problem) : null;
    const diagnostics: Diagnostic[] =
      problem && range ? [{ ...range, severity: 'error', message: problemText(problem) }] : [];
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [problem]);

  return (
    <CodeMirror
      ref={editor}
      className="template-code"
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      editable={!readOnly}
      indentWithTab={false}
      minHeight="22rem"
      basicSetup={{ autocompletion: false, closeBrackets: false, foldGutter: false, searchKeymap: true }}
      extensions={extensions}
    />
  );
}
