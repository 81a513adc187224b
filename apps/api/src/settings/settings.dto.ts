/** The settings contract as Nest DTOs (validated by the global pipe). */
import { lifecycleSettingsSchema, productParams, saveProductBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class LifecycleSettingsDto extends createZodDto(lifecycleSettingsSchema) {}
export class ProductParamsDto extends createZodDto(productParams) {}
export class SaveProductDto extends createZodDto(saveProductBody) {}
