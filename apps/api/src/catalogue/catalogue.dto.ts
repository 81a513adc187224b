/** The catalogue contract as Nest DTOs (validated by the global pipe). */
import { catalogueProductParams, saveCatalogueProductBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class CatalogueProductParamsDto extends createZodDto(catalogueProductParams) {}
export class SaveCatalogueProductDto extends createZodDto(saveCatalogueProductBody) {}
