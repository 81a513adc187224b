/** The customers contract as Nest DTOs (validated by the global pipe). */
import {
  customerProfileBody,
  customerRefParams,
  customerSearchQuery,
  externalIdParams,
} from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class CustomerProfileDto extends createZodDto(customerProfileBody) {}
export class ExternalIdDto extends createZodDto(externalIdParams) {}
export class CustomerRefDto extends createZodDto(customerRefParams) {}
export class CustomerSearchDto extends createZodDto(customerSearchQuery) {}
