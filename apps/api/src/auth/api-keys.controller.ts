/** API keys (admins): created with a name and shown once, listed without their secret, revoked. */
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { apiKeyListResponse, createdApiKeyResponse, revokedApiKeyResponse } from '@waypoint/contract';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { ApiKeyParamsDto, NewApiKeyDto } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, type Principal } from './principal';

@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'API keys, without their secrets' })
  @Answers(200, apiKeyListResponse)
  async list() {
    return { data: await this.keys.list() };
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API key; the whole key is in this answer only',
    description:
      'Storefronts and servers send it as `Authorization: Bearer wp_…` to the event and profile API. Only its ' +
      'SHA-256 hash is stored.',
  })
  @Answers(201, createdApiKeyResponse, 'Created')
  @Fails(400)
  async create(@Body() body: NewApiKeyDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.keys.create(body.name, by) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (it stops working at once)' })
  @Answers(200, revokedApiKeyResponse)
  @Fails(400, 404)
  async revoke(@Param() params: ApiKeyParamsDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.keys.revoke(params.id, by) };
  }
}
