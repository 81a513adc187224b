/** The store connection contract as Nest DTOs (validated by the global pipe). */
import { connectStoreBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class ConnectStoreDto extends createZodDto(connectStoreBody) {}
