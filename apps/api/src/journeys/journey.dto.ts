/** Request bodies of the journey API, validated at the edge. */
import { z } from 'zod';

/** A draft may be unfinished; it must only have the graph's shape. Publishing checks the rest. */
export const draftDefinitionSchema = z
  .object({
    nodes: z.array(z.object({ id: z.string(), type: z.string() }).passthrough()),
    edges: z.array(z.object({ source: z.string(), target: z.string() }).passthrough()),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export const createJourneySchema = z.object({
  name: z.string().trim().min(1).max(200),
  definition: draftDefinitionSchema.default({ nodes: [], edges: [] }),
});

export const updateDraftSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  definition: draftDefinitionSchema,
});

export type CreateJourneyDto = z.infer<typeof createJourneySchema>;
export type UpdateDraftDto = z.infer<typeof updateDraftSchema>;
