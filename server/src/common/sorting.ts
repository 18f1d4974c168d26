import { ClassType, Field, InputType, registerEnumType } from 'type-graphql';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending.' });

export interface SortShape<F> {
  field: F;
  direction: SortDirection;
}

/** Declares the `<Name>` sort input of a list: a sort key from `fieldEnum` and a direction (ascending by default). */
export function SortInput<F extends string>(fieldEnum: object, name: string, what: string): ClassType<SortShape<F>> {
  @InputType(name, { description: `Sort order for ${what}.` })
  class Sort implements SortShape<F> {
    @Field(() => fieldEnum, { description: 'Sort key.' })
    field: F;

    @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (chiều sắp xếp).' })
    direction: SortDirection;
  }
  return Sort;
}
