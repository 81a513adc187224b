/**
 * Signing in and out: the sign-in body and answer, who is signed in, and
 * the error codes that mean a person must sign in (again).
 */
import { ROLES } from '@waypoint/journey';
import { z } from 'zod';
import { data, text } from './http';

/** Answers (401) after which the editor shows the sign-in page, with the reason for some. */
export const SIGNED_OUT_CODES = [
  'not_signed_in',
  'invalid_session',
  'session_expired',
  'session_revoked',
  'user_disabled',
] as const;
export type SignedOutCode = (typeof SIGNED_OUT_CODES)[number];

export const loginBody = z
  .object({
    email: text(320).trim().min(1, 'is required'),
    password: text(1024).min(1, 'is required'),
  })
  .meta({ title: 'Login' });
export type Login = z.infer<typeof loginBody>;

/** The person a session belongs to. */
export const signedInUserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
  })
  .meta({ id: 'SignedInUser' });
export type SignedInUser = z.infer<typeof signedInUserSchema>;

export const loginAnswerSchema = z.object({
  token: z
    .string()
    .optional()
    .describe(
      'The session token (ws_…) to send as `Authorization: Bearer`; absent when the request came from the ' +
        'editor (X-Requested-With), which gets it only as the HttpOnly cookie',
    ),
  expiresAt: z.string().describe('ISO 8601: when the session ends (SESSION_TTL_HOURS after sign-in)'),
  user: signedInUserSchema,
});
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

export const loginResponse = data(loginAnswerSchema).meta({ title: 'LoginAnswer' });
export const meResponse = data(signedInUserSchema).meta({ title: 'Me' });
export const logoutResponse = data(z.object({ signedOut: z.literal(true) })).meta({ title: 'SignedOut' });
