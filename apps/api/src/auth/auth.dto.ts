/** The sign-in body as a Nest DTO (validated by the global pipe). */
import { loginBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class LoginDto extends createZodDto(loginBody) {}
