/**
 * `PUT /v1/products/{productId}` (admins): a product's consumption period (days one unit lasts),
 * which makes it a consumable for replenishment; `GET /v1/products` (marketers) finds products by id
 * or title, with their configured and learned rhythms.
 */
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { productListResponse, savedProductResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { ProductListQueryDto, ProductParamsDto, SaveProductDto } from './settings.dto';
import { ProductsService } from './products.service';

@Controller('v1/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Roles('marketer')
  @ApiOperation({
    summary: 'Products with configured and learned consumption periods, a page at a time',
    description: '`q` keeps those whose id or title contains it (any case). Ordered by product id.',
  })
  @Answers(200, productListResponse)
  @Fails(400)
  async list(@Query() query: ProductListQueryDto) {
    return { data: await this.products.list(query) };
  }

  @Put(':productId')
  @ApiOperation({
    summary:
      "Set a product's consumption period (days one unit lasts); makes it a consumable for replenishment",
  })
  @Answers(200, savedProductResponse)
  @Fails(400)
  async upsert(
    @Param() params: ProductParamsDto,
    @Body() body: SaveProductDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return { data: await this.products.save(params.productId, body, by) };
  }
}
