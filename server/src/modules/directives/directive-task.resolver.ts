import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { Agency } from '../agencies/agency.entity';
import { Province } from '../provinces/province.entity';
import {
  AddTaskProgressReportInput, CreateDirectiveTaskInput, DeleteDirectiveTaskInput, DirectiveTaskFilter, DirectiveTaskSort,
  UpdateDirectiveTaskInput,
} from './dto/directive-task.inputs';
import { Directive } from './directive.entity';
import { DirectiveTask, TaskDeadline, TaskProgressReport, TaskTiming } from './directive-task.entity';
import { deadlineOf, DirectiveTaskService } from './directive-task.service';
import {
  agencyByIdWithDeleted, coordinatorIdsOfTask, directiveById, reportsOfTask, taskByIdWithDeleted, timingOfTask,
} from './directives.loaders';

const DirectiveTaskConnection = Connection(DirectiveTask, 'DirectiveTask', 'tasks of directing documents');
// Made on first use: ICU's Vietnamese collation data takes about 20 ms to load, which the start would pay.
let collator: Intl.Collator | undefined;
const service = new DirectiveTaskService();

async function timing(t: DirectiveTask, ctx: RequestContext): Promise<TaskTiming> {
  const found = await ctx.loaders.get(timingOfTask).load(t.id);
  return found ?? { dueOn: null, isOverdue: false, daysLate: 0 };
}

@Resolver(() => DirectiveTask)
export class DirectiveTaskResolver {
  @Authorized()
  @Query(() => DirectiveTaskConnection, {
    description: 'Tasks of directing documents you may see, most urgent first unless told otherwise (overdue, then due soon, then the rest).',
  })
  directiveTasks(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => DirectiveTaskFilter, { nullable: true, description: 'What to include, and the day to compute deadlines as of.' }) filter?: DirectiveTaskFilter,
    @Arg('sort', () => DirectiveTaskSort, { nullable: true, description: 'Order; URGENCY when omitted.' }) sort?: DirectiveTaskSort,
  ): Promise<ConnectionShape<DirectiveTask>> {
    return service.list(ctx, filter, sort, pageOf(first, after));
  }

  @Authorized()
  @Query(() => DirectiveTask, { nullable: true, description: 'One task by id; null when it does not exist or is not yours to see.' })
  directiveTask(
    @Arg('id', () => ID, { description: 'The task id.' }) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: 'Compute due date, overdue and days late as of this day instead of today.' }) asOf?: string,
  ): Promise<DirectiveTask | null> {
    return service.get(ctx, id, asOf);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => DirectiveTask, { description: 'Adds a task to a document of your province; its number is the next free one when not given.' })
  createDirectiveTask(@Arg('input', { description: 'The new task.' }) input: CreateDirectiveTaskInput, @Ctx() ctx: RequestContext): Promise<DirectiveTask> {
    return service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => DirectiveTask, { description: 'Changes a task (coordinating units and deadline are replaced when given); fails with CONFLICT when `version` is stale.' })
  updateDirectiveTask(@Arg('input', { description: 'The changes.' }) input: UpdateDirectiveTaskInput, @Ctx() ctx: RequestContext): Promise<DirectiveTask> {
    return service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => DirectiveTask, { description: 'Deletes a task (soft: kept for the audit history).' })
  deleteDirectiveTask(@Arg('input', { description: 'Which task.' }) input: DeleteDirectiveTaskInput, @Ctx() ctx: RequestContext): Promise<DirectiveTask> {
    return service.softDelete(ctx, input);
  }

  @FieldResolver(() => Directive, { description: 'The document that assigns the task.' })
  async directive(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<Directive> {
    const d = await ctx.loaders.get(directiveById).load(t.directiveId);
    if (!d) throw new Error(`directive ${t.directiveId} of task ${t.id} is not readable`);
    return d;
  }

  @FieldResolver(() => Agency, { description: 'The lead unit (đơn vị chủ trì).' })
  async leadAgency(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<Agency> {
    const a = await ctx.loaders.get(agencyByIdWithDeleted).load(t.leadAgencyId);
    if (!a) throw new Error(`lead agency ${t.leadAgencyId} of task ${t.id} is not readable`);
    return a;
  }

  @FieldResolver(() => [Agency], { description: 'Coordinating units (đơn vị phối hợp), by name.' })
  async coordinatingAgencies(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<Agency[]> {
    const ids = await ctx.loaders.get(coordinatorIdsOfTask).load(t.id);
    const agencies = await ctx.loaders.get(agencyByIdWithDeleted).loadMany(ids);
    return agencies.filter((a): a is Agency => a instanceof Agency).sort((a, b) => (collator ??= new Intl.Collator('vi')).compare(a.name, b.name));
  }

  @FieldResolver(() => TaskDeadline, { description: 'The deadline as the document states it (thời hạn), with a Vietnamese label.' })
  deadline(@Root() t: DirectiveTask): TaskDeadline {
    return deadlineOf(t);
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description: 'The day the task is due as of today (or `asOf`): the date, the last day of the quarter, or this year\'s occurrence of a yearly day. Null without a deadline.',
  })
  async dueOn(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await timing(t, ctx)).dueOn;
  }

  @FieldResolver(() => Boolean, {
    description: 'Overdue (quá hạn) as of today (or `asOf`): past due and not completed; a yearly task is overdue when this year\'s day has passed without a progress report dated since 1 January.',
  })
  async isOverdue(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await timing(t, ctx)).isOverdue;
  }

  @FieldResolver(() => Int, { description: 'Days past the due date (số ngày chậm): until today for open tasks, until completion for completed ones; 0 when on time.' })
  async daysLate(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<number> {
    return (await timing(t, ctx)).daysLate;
  }

  @FieldResolver(() => [TaskProgressReport], { description: 'Progress reports (báo cáo tiến độ), newest first.' })
  progressReports(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<TaskProgressReport[]> {
    return ctx.loaders.get(reportsOfTask).load(t.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Completion percent of the newest progress report; null before any report.' })
  async latestPercent(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Promise<number | null> {
    const reports = await ctx.loaders.get(reportsOfTask).load(t.id);
    return reports[0]?.percent ?? null;
  }

  @FieldResolver(() => Province, { description: 'The province that owns the task (that of its document).' })
  province(@Root() t: DirectiveTask, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(t.provinceId);
  }
}

@Resolver(() => TaskProgressReport)
export class TaskProgressReportResolver {
  @Authorized(WRITER_ROLES)
  @Mutation(() => TaskProgressReport, { description: 'Adds a progress report to a task of your province; a report dated from 1 January to the day meets a yearly deadline.' })
  addTaskProgressReport(@Arg('input', { description: 'The report.' }) input: AddTaskProgressReportInput, @Ctx() ctx: RequestContext): Promise<TaskProgressReport> {
    return service.addReport(ctx, input);
  }

  @FieldResolver(() => DirectiveTask, { description: 'The task reported on.' })
  async task(@Root() r: TaskProgressReport, @Ctx() ctx: RequestContext): Promise<DirectiveTask> {
    const t = await ctx.loaders.get(taskByIdWithDeleted).load(r.taskId);
    if (!t) throw new Error(`task ${r.taskId} of report ${r.id} is not readable`);
    return t;
  }
}
