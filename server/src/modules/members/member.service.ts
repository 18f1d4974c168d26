import { ConnectionShape, entityPage, likeEscape, Page } from '../../common/pagination';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgError, returnedRows, rowToEntity } from '../../common/rows';
import type { RequestContext } from '../../tenancy/request-context';
import { Role } from '../../tenancy/roles';
import { badFieldThrow, clean, isUuid, provinceIdOf, today } from '../../common/input-rules';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import { SortDirection } from '../../common/sorting';
import {
  AddMembershipInput,
  CreateMemberInput,
  DeleteMemberInput,
  EndMembershipInput,
  MemberFilter,
  MemberSort,
  MemberSortField,
  MemberStatsFilter,
  UpdateMemberInput,
} from './dto/member.inputs';
import { Member, MemberKind, Membership, MemberStats } from './member.entity';
import { checkVersion, lockForChange } from '../../common/versioned-writes';

/**
 * Roles that see the personal data of individual members (full name, e-mail, phone, birth year).
 * Everyone else (viewers, ministry analysts, any future API-key caller) gets null for those fields.
 */
const PERSONAL_DATA_ROLES: readonly Role[] = [Role.PROVINCE_ADMIN, Role.PROVINCE_EDITOR];

export function seesPersonalData(ctx: RequestContext): boolean {
  return !!ctx.user && PERSONAL_DATA_ROLES.includes(ctx.user.role);
}

const MEMBER = 'Member';
const MEMBERSHIP = 'Membership';

const WRITABLE = [
  'kind', 'fullName', 'academicTitle', 'degree', 'field', 'workplace', 'birthYear', 'isYoungIntellectual', 'inEnterprise', 'email', 'phone',
] as const;
type Writable = (typeof WRITABLE)[number];
const COLUMN: Record<Writable, string> = {
  kind: 'kind', fullName: 'full_name', academicTitle: 'academic_title', degree: 'degree', field: 'field', workplace: 'workplace',
  birthYear: 'birth_year', isYoungIntellectual: 'is_young_intellectual', inEnterprise: 'in_enterprise', email: 'email', phone: 'phone',
};
const NOT_NULL: Writable[] = ['kind', 'fullName', 'isYoungIntellectual', 'inEnterprise'];

/** A membership counts on day d when it started on or before d and had not ended by d (left_on is the first day out). */
const OPEN_ON = (alias: string, day: string) => `${alias}.joined_on <= ${day} AND (${alias}.left_on IS NULL OR ${alias}.left_on > ${day})`;

type MemberState = Pick<Member, 'kind' | 'academicTitle' | 'degree' | 'birthYear' | 'isYoungIntellectual'>;

/** Rules on the member as it will be after the change (create input, or the stored row merged with the update). */
function checkMemberRules(m: MemberState): void {
  if (m.birthYear !== null && m.birthYear !== undefined && m.birthYear > new Date().getUTCFullYear()) {
    badFieldThrow('birthYear', 'notInFuture', 'birthYear must be between 1900 and this year');
  }
  if (m.kind === MemberKind.COLLECTIVE) {
    if (m.academicTitle) badFieldThrow('academicTitle', 'individualOnly', 'academicTitle applies to individual members only');
    if (m.degree) badFieldThrow('degree', 'individualOnly', 'degree applies to individual members only');
    if (m.birthYear !== null && m.birthYear !== undefined) badFieldThrow('birthYear', 'individualOnly', 'birthYear applies to individual members only');
    if (m.isYoungIntellectual) badFieldThrow('isYoungIntellectual', 'individualOnly', 'isYoungIntellectual applies to individual members only');
  }
}

function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_UNIQUE_VIOLATION && err.constraint === 'memberships_open_key') {
    badFieldThrow('associationId', 'unique', 'the member already has an open membership in this association');
  }
  if (err.code === PG_CHECK_VIOLATION) {
    const field = ({
      members_full_name_check: 'fullName', members_academic_title_check: 'academicTitle', members_degree_check: 'degree',
      members_field_check: 'field', members_workplace_check: 'workplace', members_birth_year_check: 'birthYear',
      members_email_check: 'email', members_phone_check: 'phone', members_kind_check: 'kind', members_check: 'kind',
      memberships_check: 'leftOn',
    } as Record<string, string>)[err.constraint ?? ''];
    badFieldThrow(field ?? 'input', 'check', `${field ?? 'a value'} is out of the allowed range`);
  }
  throw e;
}

export class MemberService {
  async list(ctx: RequestContext, filter: MemberFilter | undefined, sort: MemberSort | undefined, page: Page): Promise<ConnectionShape<Member>> {
    const personal = seesPersonalData(ctx);
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(Member).createQueryBuilder('m').where('m.deleted_at IS NULL');
    const search = filter?.search?.trim().replace(/\s+/g, ' ');
    if (search) {
      const pattern = `'%' || app_fold(:search) || '%'`;
      if (personal) {
        qb.andWhere(`m.search_text LIKE ${pattern}`, { search: likeEscape(search) });
      } else {
        // Personal names are not searchable without the right to see them: only field, workplace and organisations' names.
        qb.andWhere(
          `(app_fold(coalesce(m.field, '') || ' ' || coalesce(m.workplace, '')) LIKE ${pattern}
            OR (m.kind = 'COLLECTIVE' AND m.search_text LIKE ${pattern}))`,
          { search: likeEscape(search) },
        );
      }
    }
    if (filter?.kind) qb.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter?.isYoungIntellectual !== undefined && filter.isYoungIntellectual !== null) {
      qb.andWhere('m.is_young_intellectual = :young', { young: filter.isYoungIntellectual });
    }
    if (filter?.inEnterprise !== undefined && filter.inEnterprise !== null) {
      qb.andWhere('m.in_enterprise = :enterprise', { enterprise: filter.inEnterprise });
    }
    if (filter?.associationId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id AND ms.association_id = :associationId AND ${OPEN_ON('ms', 'app_today()')})`,
        { associationId: filter.associationId },
      );
    }
    if (filter?.provinceCode) qb.andWhere('m.province_id = :provinceId', { provinceId: provinceIdOf(ctx, filter.provinceCode) });

    const direction = sort?.direction === SortDirection.DESC ? 'DESC' : 'ASC';
    const field = sort?.field ?? MemberSortField.NAME;
    // Ordering individuals by a name the caller may not see would leak it bit by bit, so it is not done.
    const byName = personal
      ? 'm.full_name COLLATE "vi-VN-x-icu"'
      : `(CASE WHEN m.kind = 'COLLECTIVE' THEN m.full_name END) COLLATE "vi-VN-x-icu"`;
    const key = field === MemberSortField.NAME ? byName : field === MemberSortField.CREATED_AT ? 'm.created_at' : 'm.updated_at';
    qb.orderBy(key, direction, 'NULLS LAST')
      .addOrderBy('m.id', 'ASC');
    return entityPage(qb, page);
  }

  async get(ctx: RequestContext, id: string): Promise<Member | null> {
    if (!isUuid(id)) return null;
    const manager = await ctx.tx.manager();
    return manager.getRepository(Member).createQueryBuilder('m').where('m.id = :id AND m.deleted_at IS NULL', { id }).getOne();
  }

  async stats(ctx: RequestContext, filter: MemberStatsFilter | undefined): Promise<MemberStats> {
    const manager = await ctx.tx.manager();
    const params: unknown[] = [filter?.asOf ?? null];
    const where = [OPEN_ON('ms', 'd.day')];
    if (filter?.provinceCode) {
      params.push(provinceIdOf(ctx, filter.provinceCode));
      where.push(`ms.province_id = $${params.length}`);
    }
    if (filter?.associationId) {
      params.push(filter.associationId);
      where.push(`ms.association_id = $${params.length}`);
    }
    // One row per open membership; people are counted with DISTINCT so two associations never make two people.
    const [row] = await manager.query(
      `WITH d AS (SELECT COALESCE($1::date, app_today()) AS day)
       SELECT d.day::text AS as_of,
         count(DISTINCT m.id) FILTER (WHERE m.kind = 'INDIVIDUAL')::int AS individual_members,
         count(DISTINCT m.id) FILTER (WHERE m.kind = 'COLLECTIVE')::int AS collective_members,
         count(DISTINCT m.id) FILTER (WHERE m.kind = 'INDIVIDUAL' AND m.is_young_intellectual)::int AS young_intellectuals,
         count(DISTINCT m.id) FILTER (WHERE m.kind = 'INDIVIDUAL' AND m.in_enterprise)::int AS in_enterprise,
         count(ms.id)::int AS memberships
       FROM d
       LEFT JOIN (memberships ms
         JOIN members m ON m.id = ms.member_id AND m.deleted_at IS NULL
         JOIN member_associations a ON a.id = ms.association_id AND a.deleted_at IS NULL)
         ON ${where.join(' AND ')}
       GROUP BY d.day`,
      params,
    ) as Array<Record<string, number | string>>;
    return {
      asOf: row.as_of as string,
      individualMembers: row.individual_members as number,
      collectiveMembers: row.collective_members as number,
      youngIntellectuals: row.young_intellectuals as number,
      inEnterprise: row.in_enterprise as number,
      memberships: row.memberships as number,
    };
  }

  async create(ctx: RequestContext, raw: CreateMemberInput): Promise<Member> {
    const input = clean(raw, ['fullName']);
    if (input.fullName.length < 2) badFieldThrow('fullName', 'length', 'fullName must be 2 to 300 characters');
    const state: MemberState = {
      kind: input.kind, academicTitle: input.academicTitle ?? null, degree: input.degree ?? null,
      birthYear: input.birthYear ?? null, isYoungIntellectual: input.isYoungIntellectual ?? false,
    };
    checkMemberRules(state);
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    const [row] = returnedRows(await manager.query(
      `INSERT INTO members (province_id, kind, full_name, academic_title, degree, field, workplace, birth_year,
         is_young_intellectual, in_enterprise, email, phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [provinceId, input.kind, input.fullName, state.academicTitle, state.degree, input.field ?? null, input.workplace ?? null,
        state.birthYear, state.isYoungIntellectual, input.inEnterprise ?? false, input.email ?? null, input.phone ?? null],
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: MEMBER, entityId: row.id as string, provinceId, before: null, after: row });
    return rowToEntity(manager, Member, row);
  }

  async update(ctx: RequestContext, raw: UpdateMemberInput): Promise<Member> {
    const input = clean(raw, ['fullName']);
    for (const key of NOT_NULL) if (input[key] === null) badFieldThrow(key, 'isDefined', `${key} cannot be empty`);
    if (input.fullName !== undefined && input.fullName.length < 2) badFieldThrow('fullName', 'length', 'fullName must be 2 to 300 characters');
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'members', input.id, input.version, MEMBER);
    const current = rowToEntity(manager, Member, before);
    const pick = <K extends keyof MemberState>(k: K): MemberState[K] => (input[k] === undefined ? current[k] : input[k]) as MemberState[K];
    checkMemberRules({
      kind: pick('kind'), academicTitle: pick('academicTitle'), degree: pick('degree'),
      birthYear: pick('birthYear'), isYoungIntellectual: pick('isYoungIntellectual'),
    });
    const sets: string[] = [];
    const params: unknown[] = [input.id];
    for (const key of WRITABLE) {
      const value = input[key];
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE members SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
      params,
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'UPDATE', entityType: MEMBER, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, Member, after);
  }

  /** Soft delete: the member leaves lists and counts; its memberships stay as history. */
  async softDelete(ctx: RequestContext, input: DeleteMemberInput): Promise<Member> {
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'members', input.id, input.version, MEMBER);
    const [after] = returnedRows(await manager.query(
      `UPDATE members SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    await recordAudit(manager, ctx, { action: 'DELETE', entityType: MEMBER, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, Member, after);
  }

  async addMembership(ctx: RequestContext, input: AddMembershipInput): Promise<Membership> {
    if (input.joinedOn > today()) badFieldThrow('joinedOn', 'notInFuture', 'joinedOn must not be in the future');
    const manager = await ctx.tx.manager();
    // FOR KEY SHARE keeps the member and the association alive until commit: a concurrent delete waits.
    const members: Array<{ province_id: number }> = await manager.query(
      `SELECT province_id FROM members WHERE id = $1 AND deleted_at IS NULL AND app_can_write(province_id) FOR KEY SHARE`,
      [input.memberId],
    );
    if (members.length === 0) badFieldThrow('memberId', 'exists', 'memberId does not name a member you can change');
    const provinceId = members[0].province_id;
    const associations: Array<{ province_id: number }> = await manager.query(
      `SELECT province_id FROM member_associations WHERE id = $1 AND deleted_at IS NULL AND app_can_write(province_id) FOR KEY SHARE`,
      [input.associationId],
    );
    if (associations.length === 0 || associations[0].province_id !== provinceId) {
      badFieldThrow('associationId', 'exists', "associationId does not name a member association of the member's province");
    }
    const overlapping: Array<{ left_on: string | null }> = await manager.query(
      `SELECT left_on FROM memberships WHERE member_id = $1 AND association_id = $2 AND (left_on IS NULL OR left_on > $3::date) LIMIT 1`,
      [input.memberId, input.associationId, input.joinedOn],
    );
    if (overlapping.length > 0) {
      if (overlapping[0].left_on === null) badFieldThrow('associationId', 'unique', 'the member already has an open membership in this association');
      badFieldThrow('joinedOn', 'noOverlap', `joinedOn must be on or after ${overlapping[0].left_on}, when the earlier membership in this association ended`);
    }
    const [row] = returnedRows(await manager.query(
      `INSERT INTO memberships (province_id, member_id, association_id, joined_on) VALUES ($1, $2, $3, $4) RETURNING *`,
      [provinceId, input.memberId, input.associationId, input.joinedOn],
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: MEMBERSHIP, entityId: row.id as string, provinceId, before: null, after: row });
    return rowToEntity(manager, Membership, row);
  }

  async endMembership(ctx: RequestContext, input: EndMembershipInput): Promise<Membership> {
    if (input.leftOn > today()) badFieldThrow('leftOn', 'notInFuture', 'leftOn must not be in the future');
    const manager = await ctx.tx.manager();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ms.* FROM memberships ms JOIN members m ON m.id = ms.member_id AND m.deleted_at IS NULL
       WHERE ms.id = $1 AND app_can_write(ms.province_id) FOR UPDATE OF ms`,
      [input.id],
    );
    const before = checkVersion(rows, input.version, MEMBERSHIP);
    if (before.left_on !== null) badFieldThrow('id', 'open', `this membership already ended on ${before.left_on as string}`);
    if (input.leftOn < (before.joined_on as string)) {
      badFieldThrow('leftOn', 'afterJoinedOn', `leftOn must not be before joinedOn (${before.joined_on as string})`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE memberships SET left_on = $2, version = version + 1 WHERE id = $1 RETURNING *`,
      [input.id, input.leftOn],
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'UPDATE', entityType: MEMBERSHIP, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, Membership, after);
  }
}
