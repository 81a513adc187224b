/** The settings contract as Nest DTOs (validated by the global pipe). */
import {
  lifecycleSettingsInput,
  productListQuery,
  productParams,
  saveProductBody,
  storeProfilePatch,
} from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class LifecycleSettingsInputDto extends createZodDto(lifecycleSettingsInput) {}
export class ProductParamsDto extends createZodDto(productParams) {}
export class ProductListQueryDto extends createZodDto(productListQuery) {}
export class SaveProductDto extends createZodDto(saveProductBody) {}
export class StoreProfilePatchDto extends createZodDto(storeProfilePatch) {}
