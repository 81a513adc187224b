/** Serves the generated OpenAPI description (openapi-document.ts). */
import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';

/** Holds the document createApp generates once the routes are known. */
@Injectable()
export class OpenApiDocument {
  private document: OpenAPIObject | undefined;

  set(document: OpenAPIObject): void {
    this.document = document;
  }

  get(): OpenAPIObject {
    if (!this.document) throw new Error('The OpenAPI document is made when the app is created');
    return this.document;
  }
}

@Controller('openapi.json')
@Public()
@ApiExcludeController()
export class OpenApiController {
  constructor(private readonly openApi: OpenApiDocument) {}

  @Get()
  document() {
    return this.openApi.get();
  }
}
