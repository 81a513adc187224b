/** `/v1/store/imports` (admins): start a history import from the connected store; list imports with their progress. */
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { storeImportListResponse, storeImportResponse } from '@waypoint/contract';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { StoreImportsService } from './store-imports.service';

@Controller('v1/store/imports')
export class StoreImportsController {
  constructor(private readonly imports: StoreImportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: "Import the connected store's customers and orders",
    description:
      'Starts a history import in the worker: customers, then orders (bulk operations streamed line by line), ' +
      'then the computed attributes, lifecycle stages and reorder intervals recomputed once. History starts no ' +
      'journey and sends nothing. A restart resumes where it stopped; importing the same data again stores ' +
      'nothing new. 409 `store_not_connected` without a store, `import_running` while one runs.',
  })
  @Answers(202, storeImportResponse, 'Started')
  @Fails(409)
  async start(@CurrentPrincipal() by: Principal) {
    return { data: await this.imports.start(by) };
  }

  @Get()
  @ApiOperation({
    summary: 'History imports and their progress',
    description:
      'The latest imports, newest first, each with its parts (customers, orders): lines read, rows stored, ' +
      'malformed lines, rate, ETA, status and error.',
  })
  @Answers(200, storeImportListResponse)
  async list() {
    return { data: await this.imports.list() };
  }
}
