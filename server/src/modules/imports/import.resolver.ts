import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { AddImportRowsInput, CreateImportBatchInput } from './dto/import.inputs';
import { ImportKind } from './import.enums';
import { ImportService } from './import.service';
import { ImportBatch, ImportRowPage, ImportTemplate } from './import.types';

@Resolver(() => ImportBatch)
export class ImportResolver {
  private readonly service = new ImportService();

  @Authorized()
  @Query(() => ImportTemplate, { description: 'The columns of the spreadsheet template of one import kind (mẫu nhập dữ liệu).' })
  importTemplate(@Arg('kind', () => ImportKind) kind: ImportKind): ImportTemplate {
    return this.service.template(kind);
  }

  @Authorized(WRITER_ROLES)
  @Query(() => ImportBatch, { nullable: true, description: 'One import batch of your province; null when it does not exist or is not yours.' })
  importBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportBatch | null> {
    return this.service.get(ctx, id);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => ImportBatch, { description: 'Starts importing a spreadsheet into your province; send its rows with addImportRows. Nothing is written until commitImportBatch.' })
  createImportBatch(@Arg('input') input: CreateImportBatchInput, @Ctx() ctx: RequestContext): Promise<ImportBatch> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => ImportBatch, {
    description: 'Adds a chunk of rows to an open batch; each row is checked with the rules of the create mutation (and against the other rows of the file) and kept with its problems.',
  })
  addImportRows(@Arg('input') input: AddImportRowsInput, @Ctx() ctx: RequestContext): Promise<ImportBatch> {
    return this.service.addRows(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => ImportBatch, {
    description: 'Writes every row of a complete, valid batch in one transaction (audited like any create), or none: a failing row gives BAD_USER_INPUT naming it and nothing is written.',
  })
  commitImportBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportBatch> {
    return this.service.commit(ctx, id);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => ImportBatch, { description: 'Drops an open batch and its rows without writing anything.' })
  discardImportBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportBatch> {
    return this.service.discard(ctx, id);
  }

  @FieldResolver(() => ImportRowPage, { description: 'The rows received, by row number, a page at a time.' })
  rows(
    @Root() batch: ImportBatch,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 50).' }) first?: number,
    @Arg('offset', () => Int, { nullable: true, description: 'Rows to skip (default 0).' }) offset?: number,
    @Arg('onlyInvalid', () => Boolean, { nullable: true, description: 'Only rows with problems.' }) onlyInvalid?: boolean,
  ): Promise<ImportRowPage> {
    return this.service.rows(ctx, batch.id, first ?? 50, offset ?? 0, onlyInvalid ?? false);
  }
}
