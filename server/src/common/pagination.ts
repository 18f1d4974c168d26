import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badField } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information (thông tin trang).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** Cursors are opaque to clients; inside they carry the position in the sorted, filtered list. */
const PREFIX = 'offset:';
export function encodeCursor(offset: number): string {
  return Buffer.from(PREFIX + offset).toString('base64url');
}
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const n = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isInteger(n) || n < 0) {
    throw badField('after', 'isCursor', 'after is not a cursor returned by this API');
  }
  return n;
}

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf(first: number | undefined | null, after: string | undefined | null): Page {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badField('first', 'max', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { limit, offset: after ? decodeCursor(after) + 1 : 0 };
}

export interface ConnectionShape<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: PageInfo;
  totalCount: number;
}

export function toConnection<T>(rows: T[], totalCount: number, page: Page): ConnectionShape<T> {
  const edges = rows.map((node, i) => ({ node, cursor: encodeCursor(page.offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + rows.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * One page of a list query and the total count, in one statement (`count(*) OVER ()`; a page past
 * the end counts apart). TypeORM builds the SQL from `qb` (filters, sorting); the rows become
 * entities directly, without its result transformation (most of a list's time in the bench profile).
 * Columns are read under the aliases TypeORM gave them (`DriverUtils.buildAlias`, as its select does).
 */
export async function entityPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: Page): Promise<ConnectionShape<T>> {
  qb.addSelect('count(*) OVER ()', 'total_count').offset(page.offset).limit(page.limit);
  const meta = qb.expressionMap.mainAlias!.metadata;
  const columns = meta.columns.filter((c) => c.isSelect && !c.isVirtual)
    .map((c) => ({ property: c.propertyName, alias: DriverUtils.buildAlias(qb.connection.driver, undefined, qb.alias, c.databaseName) }));
  const raw = await qb.getRawMany();
  const entities = raw.map((row) => {
    const entity = meta.create() as Record<string, unknown>;
    for (const c of columns) if (c.alias in row) entity[c.property] = row[c.alias];
    return entity as T;
  });
  const total = raw.length > 0 ? Number(raw[0].total_count) : page.offset === 0 ? 0 : await qb.getCount();
  return toConnection(entities, total, page);
}

/** Declares `<Name>Edge` and `<Name>Connection` GraphQL types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `An item in a page of ${description}, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: 'The item.' })
    node: T;

    @Field({ description: 'Opaque position of this item, for `after`.' })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${description} (cursor connection).` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'Items on this page.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages exist, and their cursors.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
