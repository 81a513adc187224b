// "New journey": pick a starting point (an empty canvas or one of the shipped journeys), name it,
// create it as a draft and open its canvas.
import { useState } from 'react';
import { Dialog } from './Dialog';
import { ChoiceField, TextField } from './forms/fields';
import { DialogActions, Form } from './forms/Form';
import { hrefFor } from './hash-route';
import { useCreateJourney } from './journey-queries';
import { JOURNEY_TEMPLATES } from './journey-templates';

const STARTING_POINTS = JOURNEY_TEMPLATES.map((template) => ({
  value: template.key,
  title: template.title,
  description: template.description,
}));

export function NewJourneyDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateJourney();
  // The name follows the starting point picked until the marketer types one of their own.
  const [nameTouched, setNameTouched] = useState(false);

  return (
    <Dialog title="New journey" wide busy={create.isPending} onCancel={onClose}>
      <Form
        initialValues={{ templateKey: JOURNEY_TEMPLATES[0].key, name: JOURNEY_TEMPLATES[0].name }}
        errorPrefix="Could not create the journey: "
        onSubmit={async ({ templateKey, name }) => {
          const template = JOURNEY_TEMPLATES.find((t) => t.key === templateKey) ?? JOURNEY_TEMPLATES[0];
          const created = await create.mutateAsync({
            name: name.trim() || template.name,
            definition: template.definition,
          });
          window.location.hash = hrefFor({ page: 'journey', id: created.id });
        }}
        actions={<DialogActions onCancel={onClose} label="Create journey" pendingLabel="Creating…" />}
      >
        {(form) => (
          <>
            <ChoiceField
              label="Start from"
              name="template"
              options={STARTING_POINTS}
              value={form.values.templateKey}
              onChange={(key) => {
                form.set('templateKey', key);
                const template = JOURNEY_TEMPLATES.find((t) => t.key === key);
                if (!nameTouched && template) form.set('name', template.name);
              }}
            />
            <TextField
              label="Name"
              required
              maxLength={200}
              value={form.values.name}
              onChange={(name) => {
                form.set('name', name);
                setNameTouched(true);
              }}
            />
          </>
        )}
      </Form>
    </Dialog>
  );
}
