import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import * as journeysContract from './journeys.contract';
import * as outboxContract from './outbox.contract';
import * as runsContract from './runs.contract';
import * as settingsContract from './settings.contract';
import * as templatesContract from './templates.contract';

const { createJourneyBody, journeyVersionSchema, updateDraftBody } = journeysContract;

const EXAMPLES = join(__dirname, '../../../templates/journeys');

describe('journeys contract', () => {
  it('accepts an unfinished draft (the editor saves as it is drawn) and every shipped example', () => {
    const unfinished = {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: '' }, position: { x: 0, y: 0 } },
        { id: 'email', type: 'send.email', data: { template: '', category: 'marketing' } },
      ],
      edges: [{ source: 'trigger', target: 'email', sourceHandle: 'next' }],
    };
    expect(updateDraftBody.parse({ definition: unfinished }).definition).toEqual(unfinished);
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))) {
      const example = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
      expect({ file, ok: createJourneyBody.safeParse(example).success }).toEqual({ file, ok: true });
    }
  });

  it('needs a name, gives an empty graph by default, and refuses NUL in node ids', () => {
    expect(createJourneyBody.parse({ name: ' Welcome ' })).toEqual({
      name: 'Welcome',
      definition: { nodes: [], edges: [] },
    });
    const noName = createJourneyBody.safeParse({ definition: { nodes: [], edges: [] } });
    expect(noName.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    const nul = updateDraftBody.safeParse({
      definition: { nodes: [{ id: 'a\u0000', type: 'exit' }], edges: [] },
    });
    expect(nul.success).toBe(false);
  });

  it('describes a published version with the journey lib definition, defaults applied', () => {
    const version = journeyVersionSchema.parse({
      version: 1,
      publishedAt: '2026-11-24T10:00:00.000Z',
      definition: { nodes: [{ id: 'done', type: 'exit' }], edges: [] },
    });
    expect(version.definition.settings).toMatchObject({ exitOn: [], reentry: { mode: 'after_exit' } });
  });
});

describe('runs, templates, settings and outbox contracts', () => {
  it('asks for a reason to cancel or continue a run, in words support can act on', () => {
    expect(runsContract.cancelRunBody.safeParse({ reason: '  ' }).error?.issues[0].message).toBe(
      'say why the run is cancelled',
    );
    expect(runsContract.continueRunBody.safeParse({ reason: '' }).error?.issues[0].message).toBe(
      'say why the wait is cut short',
    );
    expect(runsContract.continueRunBody.parse({ reason: ' now ' })).toEqual({ reason: 'now' });
  });

  it('previews a template by name or by source, not by neither', () => {
    expect(templatesContract.previewTemplateBody.safeParse({ channel: 'sms', name: 'hello' }).success).toBe(
      true,
    );
    expect(templatesContract.previewTemplateBody.safeParse({ channel: 'sms' }).error?.issues[0].message).toBe(
      'give a template name or a source',
    );
    expect(templatesContract.previewTemplateBody.safeParse({ channel: 'fax', source: 'x' }).success).toBe(
      false,
    );
  });

  it('fills lifecycle settings with their defaults and refuses an inactive window inside the at-risk one', () => {
    expect(settingsContract.lifecycleSettingsSchema.parse({})).toMatchObject({
      atRiskDays: 60,
      inactiveDays: 180,
    });
    expect(settingsContract.lifecycleSettingsSchema.safeParse({ atRiskDays: 200 }).success).toBe(false);
  });

  it('keeps the outbox page size between 1 and 500', () => {
    expect(outboxContract.outboxQuery.parse({})).toEqual({ limit: 50 });
    expect(outboxContract.outboxQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(outboxContract.outboxQuery.safeParse({ limit: '501' }).success).toBe(false);
  });

  it('turns every request and response schema into JSON Schema (as /openapi.json does)', () => {
    const all = {
      ...journeysContract,
      ...runsContract,
      ...templatesContract,
      ...settingsContract,
      ...outboxContract,
    };
    const schemas = Object.entries(all).filter(
      ([name, value]) => /(Body|Params|Query|Response|Schema)$/.test(name) && value instanceof z.ZodType,
    );
    expect(schemas.length).toBeGreaterThan(30);
    for (const [name, schema] of schemas) {
      for (const io of ['input', 'output'] as const) {
        const convert = () => z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'throw' });
        expect({ name, io, converts: (() => (convert(), true))() }).toEqual({ name, io, converts: true });
      }
    }
  });
});
