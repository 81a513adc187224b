/**
 * `/v1/store/connection`: the connected Shopify store. Marketers and support read the status
 * (never a credential); admins connect, test and disconnect.
 */
import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { storeConnectionResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { ConnectStoreDto } from './store-connection.dto';
import { StoreConnectionService } from './store-connection.service';

@Controller('v1/store/connection')
export class StoreConnectionController {
  constructor(private readonly connection: StoreConnectionService) {}

  @Get()
  @Roles('marketer', 'support')
  @ApiOperation({
    summary: 'The connected store',
    description:
      'Whether a store is connected and from where (the settings page or SHOPIFY_SHOP/SHOPIFY_ADMIN_TOKEN), ' +
      "what the shop said about itself at the last check (name, currency, time zone, locale: the store's " +
      'defaults), and each webhook subscription with its state. Never a token or secret.',
  })
  @Answers(200, storeConnectionResponse)
  async get() {
    return { data: await this.connection.status() };
  }

  @Put()
  @ApiOperation({
    summary: 'Connect a store',
    description:
      "Checks the shop domain and Admin API token by reading the shop's name, currency, time zone and locale; " +
      "a wrong token or shop answers 422 with the store's reason and changes nothing. Then stores the token " +
      '(and webhook secret) sealed with APP_SECRET, never to be answered, and registers a webhook subscription ' +
      'to /webhooks/shopify for every topic the engine maps (an existing one is kept: connecting again creates ' +
      'nothing new). Replaces an earlier connection.',
  })
  @Answers(200, storeConnectionResponse, 'Connected')
  @Fails(400, 422)
  async connect(@Body() body: ConnectStoreDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.connection.connect(body, by) };
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test the connection',
    description:
      'Reads the shop and its webhook subscriptions again with the stored credentials and answers the status ' +
      '(kept for a store connected on the settings page). A token the store no longer accepts answers 422 with ' +
      "the store's reason.",
  })
  @Answers(200, storeConnectionResponse)
  @Fails(409, 422)
  async test() {
    return { data: await this.connection.test() };
  }

  @Delete()
  @ApiOperation({
    summary: 'Disconnect the store',
    description:
      "Forgets the settings page's connection and its sealed credentials (the store's webhook subscriptions " +
      'stay in Shopify until the app is removed there). SHOPIFY_SHOP/SHOPIFY_ADMIN_TOKEN, when set, take its place.',
  })
  @Answers(200, storeConnectionResponse, 'Disconnected (or nothing was connected)')
  async disconnect(@CurrentPrincipal() by: Principal) {
    return { data: await this.connection.disconnect(by) };
  }
}
