/** The templates contract as Nest DTOs (validated by the global pipe). */
import {
  previewTemplateBody,
  saveTemplateBody,
  templateLocaleParams,
  templateParams,
  templateVariablesQuery,
  templateVersionParams,
  testSendBody,
} from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class TemplateParamsDto extends createZodDto(templateParams) {}
export class TemplateLocaleParamsDto extends createZodDto(templateLocaleParams) {}
export class TemplateVersionParamsDto extends createZodDto(templateVersionParams) {}
export class SaveTemplateDto extends createZodDto(saveTemplateBody) {}
export class PreviewTemplateDto extends createZodDto(previewTemplateBody) {}
export class TemplateVariablesQueryDto extends createZodDto(templateVariablesQuery) {}
export class TestSendDto extends createZodDto(testSendBody) {}
