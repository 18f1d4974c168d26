import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { Agency } from '../agencies/agency.entity';
import { Province } from '../provinces/province.entity';
import { CreateDirectiveInput, DeleteDirectiveInput, DirectiveFilter, DirectiveSort, UpdateDirectiveInput } from './dto/directive.inputs';
import { Directive } from './directive.entity';
import { DirectiveTask } from './directive-task.entity';
import { DirectiveService } from './directive.service';
import {
  agencyByIdWithDeleted, citationsOfDirective, directiveById, referenceDocumentById, tasksOfDirective,
} from './directives.loaders';
import { ReferenceDocument } from './reference-document.entity';

const DirectiveConnection = Connection(Directive, 'Directive', 'directing documents');

/** Earliest first, drafts without a date last: the order documents are cited in ("Căn cứ…"). */
function byIssuedOn<T extends { issuedOn: string | null; numberSymbol: string }>(a: T, b: T): number {
  return (a.issuedOn ?? '9999').localeCompare(b.issuedOn ?? '9999') || a.numberSymbol.localeCompare(b.numberSymbol);
}

@Resolver(() => Directive)
export class DirectiveResolver {
  private readonly service = new DirectiveService();

  @Authorized()
  @Query(() => DirectiveConnection, {
    description: 'Directing documents (văn bản chỉ đạo) you may see (your province and its predecessors; every province for the ministry), newest first unless told otherwise.',
  })
  directives(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => DirectiveFilter, { nullable: true, description: 'What to include.' }) filter?: DirectiveFilter,
    @Arg('sort', () => DirectiveSort, { nullable: true, description: 'Order; by date of issue, newest first, when omitted.' }) sort?: DirectiveSort,
  ): Promise<ConnectionShape<Directive>> {
    return this.service.list(ctx, filter, sort, pageOf(first, after));
  }

  @Authorized()
  @Query(() => Directive, { nullable: true, description: 'One directing document by id; null when it does not exist or is not yours to see.' })
  directive(@Arg('id', () => ID, { description: 'The document id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Directive | null> {
    return this.service.get(ctx, id);
  }

  @Authorized()
  @Query(() => [ReferenceDocument], { description: 'National documents (văn bản trung ương) any province may cite, newest first.' })
  referenceDocuments(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true, description: 'Number and symbol ("57-NQ/TW"), issuer or words of the subject; ignores case and diacritics.' }) search?: string,
  ): Promise<ReferenceDocument[]> {
    return this.service.referenceDocuments(ctx, search);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Directive, { description: 'Adds a directing document to your province (or a predecessor you act for), with its citations.' })
  createDirective(@Arg('input', { description: 'The new document.' }) input: CreateDirectiveInput, @Ctx() ctx: RequestContext): Promise<Directive> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Directive, { description: 'Changes a directing document (citations are replaced when given); fails with CONFLICT when `version` is stale.' })
  updateDirective(@Arg('input', { description: 'The changes.' }) input: UpdateDirectiveInput, @Ctx() ctx: RequestContext): Promise<Directive> {
    return this.service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Directive, { description: 'Deletes a directing document and its tasks (soft: kept for the audit history).' })
  deleteDirective(@Arg('input', { description: 'Which document.' }) input: DeleteDirectiveInput, @Ctx() ctx: RequestContext): Promise<Directive> {
    return this.service.softDelete(ctx, input);
  }

  @FieldResolver(() => Agency, { description: 'The issuing agency (cơ quan ban hành).' })
  async issuer(@Root() d: Directive, @Ctx() ctx: RequestContext): Promise<Agency> {
    const agency = await ctx.loaders.get(agencyByIdWithDeleted).load(d.issuerAgencyId);
    if (!agency) throw new Error(`issuer ${d.issuerAgencyId} of directive ${d.id} is not readable`);
    return agency;
  }

  @FieldResolver(() => [Directive], { description: 'Earlier documents of the province this one is based on ("Căn cứ…", "Thực hiện…"), earliest first.' })
  async citedDirectives(@Root() d: Directive, @Ctx() ctx: RequestContext): Promise<Directive[]> {
    const { directiveIds } = await ctx.loaders.get(citationsOfDirective).load(d.id);
    const cited = await ctx.loaders.get(directiveById).loadMany(directiveIds);
    return cited.filter((c): c is Directive => c instanceof Directive && c.deletedAt === null).sort(byIssuedOn);
  }

  @FieldResolver(() => [ReferenceDocument], { description: 'National documents cited, e.g. 57-NQ/TW, earliest first.' })
  async citedReferences(@Root() d: Directive, @Ctx() ctx: RequestContext): Promise<ReferenceDocument[]> {
    const { referenceIds } = await ctx.loaders.get(citationsOfDirective).load(d.id);
    const cited = await ctx.loaders.get(referenceDocumentById).loadMany(referenceIds);
    return cited.filter((c): c is ReferenceDocument => c instanceof ReferenceDocument).sort(byIssuedOn);
  }

  @FieldResolver(() => [DirectiveTask], { description: 'The tasks the document assigns (nhiệm vụ), by number.' })
  tasks(@Root() d: Directive, @Ctx() ctx: RequestContext): Promise<DirectiveTask[]> {
    return ctx.loaders.get(tasksOfDirective).load(d.id);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the document.' })
  province(@Root() d: Directive, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(d.provinceId);
  }
}
