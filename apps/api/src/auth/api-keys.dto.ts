/** The API-key routes' contract as Nest DTOs (validated by the global pipe). */
import { apiKeyParams, newApiKeyBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class NewApiKeyDto extends createZodDto(newApiKeyBody) {}
export class ApiKeyParamsDto extends createZodDto(apiKeyParams) {}
