/** Small builders for the hand-written OpenAPI description (responses, path parameters). */
export const error = { $ref: '#/components/schemas/Error' };

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: error } },
});

export const json = (schema: unknown, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const idParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
