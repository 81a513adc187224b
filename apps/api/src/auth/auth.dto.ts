/** The sign-in body as a Nest DTO (validated by the global pipe). */
import { loginBody, setOwnPhoneBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class LoginDto extends createZodDto(loginBody) {}
export class SetOwnPhoneDto extends createZodDto(setOwnPhoneBody) {}
