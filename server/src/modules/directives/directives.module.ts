import type { DomainModule } from '../module';
import { Directive } from './directive.entity';
import { DirectiveResolver } from './directive.resolver';
import { DirectiveTask, TaskProgressReport } from './directive-task.entity';
import { DirectiveTaskResolver, TaskProgressReportResolver } from './directive-task.resolver';
import { ReferenceDocument } from './reference-document.entity';

export const directivesModule: DomainModule = {
  resolvers: [DirectiveResolver, DirectiveTaskResolver, TaskProgressReportResolver],
  entities: [Directive, DirectiveTask, TaskProgressReport, ReferenceDocument],
};
