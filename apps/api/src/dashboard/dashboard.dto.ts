/** The dashboard contract as a Nest DTO (validated by the global pipe). */
import { dashboardQuery } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class DashboardQueryDto extends createZodDto(dashboardQuery) {}
