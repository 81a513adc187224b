/**
 * `PUT /v1/products/{productId}`: a product's consumption period (days one unit lasts), which
 * makes it a consumable for replenishment; `GET /v1/products` lists configured and learned rhythms.
 */
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { productListResponse, savedProductResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { ProductParamsDto, SaveProductDto } from './settings.dto';
import { ProductsService } from './products.service';

@Controller('v1/products')
@Roles('marketer')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({ summary: 'Products with configured and learned consumption periods' })
  @Answers(200, productListResponse)
  async list() {
    return { data: await this.products.list() };
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
