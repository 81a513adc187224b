import { Controller, Get } from '@nestjs/common';
import { openApiDocument } from './openapi.document';
import { Public } from '../auth/access.decorators';

@Controller('openapi.json')
@Public()
export class OpenApiController {
  @Get()
  document() {
    return openApiDocument;
  }
}
