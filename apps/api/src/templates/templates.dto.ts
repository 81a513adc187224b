/** The templates contract as Nest DTOs (validated by the global pipe). */
import { previewTemplateBody, saveTemplateBody, templateParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class TemplateParamsDto extends createZodDto(templateParams) {}
export class SaveTemplateDto extends createZodDto(saveTemplateBody) {}
export class PreviewTemplateDto extends createZodDto(previewTemplateBody) {}
