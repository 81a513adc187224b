/**
 * `PUT /v1/catalogue/products/{productId}` (API key): a store not on Shopify keeps its catalogue
 * (products, variants, prices, stock) as Shopify's product webhooks do, with the same triggers;
 * `GET /v1/catalogue/products/{productId}` (marketers) reads one product with its variants.
 */
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { catalogueProductResponse } from '@waypoint/contract';
import { ApiKeyOnly, Roles } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CatalogueProductParamsDto, SaveCatalogueProductDto } from './catalogue.dto';
import { CatalogueService } from './catalogue.service';

@Controller('v1/catalogue/products')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Put(':productId')
  @ApiKeyOnly()
  @ApiOperation({
    summary: 'Create or update a catalogue product with all its variants (prices, stock, images)',
    description:
      'Variants left out are marked deleted. A variant going from 0 to more in stock, or getting cheaper, stores ' +
      '`product.back_in_stock` / `product.price_dropped` for the customers who viewed the product or had it in a ' +
      'cart within PRODUCT_INTEREST_DAYS and have not ordered it since. With `updatedAt` older than the version ' +
      'kept, nothing changes.',
  })
  @Answers(200, catalogueProductResponse)
  @Fails(400, 413)
  async save(@Param() params: CatalogueProductParamsDto, @Body() body: SaveCatalogueProductDto) {
    return { data: await this.catalogue.save(params.productId, body) };
  }

  @Get(':productId')
  @Roles('marketer')
  @ApiOperation({
    summary: 'A catalogue product with its variants (deleted ones marked)',
  })
  @Answers(200, catalogueProductResponse)
  @Fails(400, 404)
  async find(@Param() params: CatalogueProductParamsDto) {
    return { data: await this.catalogue.find(params.productId) };
  }
}
