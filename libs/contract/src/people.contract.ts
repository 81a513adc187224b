/** People who sign in (admins manage them): one role each, from ROLES. */
import { ROLES } from '@waypoint/journey';
import { z } from 'zod';
import { data, idParams, name, text } from './http';

/** Initial and changed passwords alike. */
const password = text(1024).min(12, 'must be at least 12 characters');

export const personSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string().describe('ISO 8601'),
    disabledAt: z.string().nullable().describe('ISO 8601; set while the person may not sign in'),
    lastSeenAt: z.string().nullable().describe('ISO 8601, to the minute: the last request of any session'),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof personSchema>;

export const newPersonBody = z
  .strictObject({
    email: text(320).trim().email('must be an email address'),
    name: name(),
    role: z.enum(ROLES),
    password,
  })
  .meta({ title: 'NewPerson' });
export type NewPerson = z.infer<typeof newPersonBody>;

export const personChangeBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    name: name().optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'say what to change: role, name, disabled or password')
  .meta({ title: 'PersonChange' });
export type PersonChange = z.infer<typeof personChangeBody>;

export const personParams = idParams;

export const personListResponse = data(z.array(personSchema)).meta({ title: 'People' });
export const personResponse = data(personSchema).meta({ title: 'PersonAnswer' });
