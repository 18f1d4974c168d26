import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../tenancy/request-context';
import { AgencyKind } from '../agencies/agency.entity';
import { AgencyService } from '../agencies/agency.service';
import { CreateAgencyInput } from '../agencies/dto/agency.inputs';
import { DirectiveTaskStatus, TaskDeadlineKind } from '../directives/directive.enums';
import { DirectiveTaskService } from '../directives/directive-task.service';
import { CreateDirectiveTaskInput } from '../directives/dto/directive-task.inputs';
import { CreateMemberAssociationInput } from '../member-associations/dto/member-association.inputs';
import { MemberAssociationStatus } from '../member-associations/member-association.entity';
import { MemberAssociationService } from '../member-associations/member-association.service';
import { AddMembershipInput, CreateMemberInput } from '../members/dto/member.inputs';
import { AcademicTitle, Degree, MemberKind } from '../members/member.entity';
import { MemberService } from '../members/member.service';
import { ImportKind } from './import.enums';

export interface Problem {
  column: string | null;
  constraint: string;
  message: string;
  detail: string | null;
}

export interface ColumnDef {
  key: string;
  header: string;
  required: boolean;
  example: string;
  hint: string;
}

export type Values = Record<string, string>;

/** What a row's check needs besides its values. */
export interface RowScope {
  ctx: RequestContext;
  manager: EntityManager;
  provinceId: number;
  rowNumber: number;
  /** AGENCIES: lower-case names of valid earlier rows of the batch (sent in earlier chunks) → their row number. */
  earlierNames: Map<string, number>;
}

export interface PreparedRow {
  problems: Problem[];
  /** Rows of one batch with the same key are duplicates. */
  dedupeKey: string | null;
  /** Writes the row through the service of the create mutation; returns the created record's id. */
  write?: () => Promise<string>;
}

export interface KindHandler {
  columns: ColumnDef[];
  prepare(scope: RowScope, values: Values): Promise<PreparedRow>;
}

/** Lower case without diacritics and extra spaces: how headers and choice labels are matched. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd')
    .toLowerCase().replace(/\s+/g, ' ').trim();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyy-mm-dd from dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd; null when not a real date. */
export function parseDate(text: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** Reads typed values out of a row's text cells, collecting a problem per bad cell. */
class Reader {
  readonly problems: Problem[] = [];
  constructor(private readonly values: Values, private readonly columns: ColumnDef[]) {}

  problem(column: string | null, constraint: string, message: string, detail: string | null = null): void {
    this.problems.push({ column, constraint, message, detail });
  }

  text(key: string): string | undefined {
    const v = (this.values[key] ?? '').trim();
    if (v === '') {
      if (this.columns.find((c) => c.key === key)?.required) this.problem(key, 'required', `${key} is required`);
      return undefined;
    }
    return v;
  }

  int(key: string): number | undefined {
    const v = this.text(key);
    if (v === undefined) return undefined;
    const n = Number(v.replace(/[\s.,](?=\d{3}\b)/g, ''));
    if (!Number.isInteger(n)) {
      this.problem(key, 'integer', `${key} must be a whole number`, v);
      return undefined;
    }
    return n;
  }

  date(key: string): string | undefined {
    const v = this.text(key);
    if (v === undefined) return undefined;
    const d = parseDate(v);
    if (!d) this.problem(key, 'date', `${key} must be a date dd/mm/yyyy`, v);
    return d ?? undefined;
  }

  bool(key: string): boolean | undefined {
    const v = this.text(key);
    if (v === undefined) return undefined;
    const f = fold(v);
    if (['co', 'x', 'yes', 'true', '1', 'dung'].includes(f)) return true;
    if (['khong', 'no', 'false', '0', 'sai'].includes(f)) return false;
    this.problem(key, 'boolean', `${key} must be Có or Không`, v);
    return undefined;
  }

  choice<T extends string>(key: string, labels: Record<T, string[]>): T | undefined {
    const v = this.text(key);
    if (v === undefined) return undefined;
    const f = fold(v);
    for (const [value, names] of Object.entries(labels) as Array<[T, string[]]>) {
      if (fold(value) === f || names.some((n) => fold(n) === f)) return value;
    }
    const allowed = (Object.values(labels) as string[][]).map((n) => n[0]).join(', ');
    this.problem(key, 'allowed', `${key} must be one of: ${allowed}`, allowed);
    return undefined;
  }
}

/** class-validator on a create input, as type-graphql runs it on the mutation's argument. */
async function validateInput<T extends object>(cls: new () => T, plain: object, columnOf: Record<string, string>, reader: Reader): Promise<T> {
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { forbidUnknownValues: false });
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const path = prefix + e.property;
      if (e.constraints) {
        const [constraint, message] = Object.entries(e.constraints)[0];
        const column = columnOf[path] ?? columnOf[e.property] ?? null;
        // A cell already reported (blank, not found, not a date…) is not reported twice.
        if (!reader.problems.some((p) => p.column === column)) reader.problem(column, constraint, message);
      }
      if (e.children?.length) walk(e.children, `${path}.`);
    }
  };
  walk(errors, '');
  return instance;
}

/** The problems a service's error names, with its fields mapped to template columns. */
export function problemsOfError(e: unknown, columnOf: Record<string, string>): Problem[] {
  if (e instanceof GraphQLError && e.extensions?.code === 'BAD_USER_INPUT') {
    const fields = (e.extensions.fields as Array<{ field: string; constraint: string; message: string }> | undefined) ?? [];
    if (fields.length > 0) {
      return fields.map((f) => ({ column: columnOf[f.field] ?? columnOf[f.field.split('.')[0]] ?? null, constraint: f.constraint, message: f.message, detail: null }));
    }
    return [{ column: null, constraint: 'invalid', message: e.message, detail: null }];
  }
  if (e instanceof GraphQLError) return [{ column: null, constraint: String(e.extensions?.code ?? 'invalid').toLowerCase(), message: e.message, detail: null }];
  throw e;
}

type Row = Record<string, unknown>;

/** Ids of live records of the province whose name (or short name) is `name`, ignoring case. */
async function findByName(manager: EntityManager, table: string, altColumn: string, provinceId: number, name: string): Promise<string[]> {
  const rows: Row[] = await manager.query(
    `SELECT id FROM ${table} WHERE province_id = $1 AND deleted_at IS NULL AND app_can_write(province_id)
       AND (lower(name) = lower($2) OR lower(${altColumn}) = lower($2)) ORDER BY (lower(name) = lower($2)) DESC LIMIT 2`,
    [provinceId, name],
  );
  return rows.map((r) => r.id as string);
}

/** One reference by name: the id, or a problem (not found, or several records answer to it). */
async function resolveOne(
  reader: Reader, manager: EntityManager, table: string, altColumn: string, provinceId: number, key: string, name: string,
): Promise<string | undefined> {
  const ids = await findByName(manager, table, altColumn, provinceId, name);
  if (ids.length === 0) {
    reader.problem(key, 'notFound', `${key}: "${name}" was not found in your province`, name);
    return undefined;
  }
  if (ids.length > 1) {
    // A name matches before a short name; two short names alike are ambiguous.
    const exact: Row[] = await manager.query(
      `SELECT id FROM ${table} WHERE province_id = $1 AND deleted_at IS NULL AND lower(name) = lower($2)`, [provinceId, name]);
    if (exact.length === 1) return exact[0].id as string;
    reader.problem(key, 'ambiguous', `${key}: "${name}" names several records; use the full name`, name);
    return undefined;
  }
  return ids[0];
}

const col = (key: string, header: string, required: boolean, example: string, hint: string): ColumnDef => ({ key, header, required, example, hint });

const STATUS_LABELS: Record<MemberAssociationStatus, string[]> = {
  ACTIVE: ['Đang hoạt động', 'Hoạt động'],
  CONSOLIDATING: ['Đang kiện toàn', 'Kiện toàn', 'Đang kiện toàn, củng cố'],
  SUSPENDED: ['Tạm ngừng hoạt động', 'Tạm ngừng'],
  DISSOLVED: ['Đã giải thể', 'Giải thể'],
};

const ASSOCIATION_COLUMNS: Record<string, string> = {
  name: 'name', abbreviation: 'abbreviation', field: 'field', foundedOn: 'foundedOn', status: 'status',
  congressTerm: 'congressTerm', individualMemberCount: 'individualMemberCount', collectiveMemberCount: 'collectiveMemberCount',
};

const memberAssociations: KindHandler = {
  columns: [
    col('name', 'Tên hội', true, 'Hội Tin học tỉnh Đồng Nai', '2 đến 300 ký tự, không trùng hội đã có'),
    col('abbreviation', 'Tên viết tắt', false, 'HTH', 'tối đa 50 ký tự'),
    col('field', 'Lĩnh vực', false, 'Công nghệ thông tin', 'tối đa 200 ký tự'),
    col('foundedOn', 'Ngày thành lập', false, '15/03/2005', 'ngày dd/mm/yyyy, không sau hôm nay'),
    col('status', 'Tình trạng', false, 'Đang hoạt động', 'Đang hoạt động, Đang kiện toàn, Tạm ngừng hoạt động, Đã giải thể (trống: Đang hoạt động)'),
    col('congressTerm', 'Nhiệm kỳ', false, '2025–2030', 'dạng 2025–2030'),
    col('individualMemberCount', 'Số hội viên cá nhân', false, '120', 'số nguyên từ 0'),
    col('collectiveMemberCount', 'Số hội viên tập thể', false, '5', 'số nguyên từ 0'),
  ],
  async prepare(scope, values) {
    const r = new Reader(values, this.columns);
    const plain = {
      name: r.text('name'), abbreviation: r.text('abbreviation'), field: r.text('field'), foundedOn: r.date('foundedOn'),
      status: r.choice('status', STATUS_LABELS), congressTerm: r.text('congressTerm')?.replace(/\s*[-–]\s*/, '–'),
      individualMemberCount: r.int('individualMemberCount'), collectiveMemberCount: r.int('collectiveMemberCount'),
    };
    const input = await validateInput(CreateMemberAssociationInput, plain, ASSOCIATION_COLUMNS, r);
    const name = plain.name?.replace(/\s+/g, ' ');
    return {
      problems: r.problems,
      dedupeKey: name ? name.toLowerCase() : null,
      write: async () => (await new MemberAssociationService().create(scope.ctx, input)).id,
    };
  },
};

const KIND_LABELS: Record<AgencyKind, string[]> = {
  PARTY_COMMITTEE: ['Tỉnh ủy', 'Cấp ủy'],
  PARTY_BOARD: ['Ban của Tỉnh ủy', 'Ban Đảng'],
  PEOPLES_COMMITTEE: ['UBND tỉnh', 'Ủy ban nhân dân tỉnh'],
  DEPARTMENT: ['Sở, ban, ngành', 'Sở', 'Sở ban ngành'],
  DIVISION: ['Phòng'],
  CENTRE: ['Trung tâm'],
  LOCAL_COMMITTEE: ['UBND cấp xã', 'UBND cấp huyện', 'UBND địa phương'],
  UNION: ['Liên hiệp Hội'],
  FATHERLAND_FRONT: ['Ủy ban MTTQ', 'Mặt trận Tổ quốc'],
  PRESS: ['Báo, đài', 'Báo', 'Đài'],
  UNIVERSITY: ['Trường, viện', 'Trường', 'Viện'],
  ENTERPRISE: ['Doanh nghiệp'],
  OTHER: ['Khác'],
};

const agencies: KindHandler = {
  columns: [
    col('name', 'Tên cơ quan, đơn vị', true, 'Phòng Quản lý Khoa học', '2 đến 300 ký tự, không trùng cơ quan đã có'),
    col('shortName', 'Tên viết tắt', false, 'Phòng QLKH', 'tối đa 60 ký tự'),
    col('kind', 'Loại cơ quan', true, 'Phòng',
      'Tỉnh ủy, Ban của Tỉnh ủy, UBND tỉnh, Sở, Phòng, Trung tâm, UBND cấp xã, Liên hiệp Hội, Ủy ban MTTQ, Báo, Trường, Doanh nghiệp, Khác'),
    col('parent', 'Cơ quan cấp trên', false, 'Sở Khoa học và Công nghệ', 'tên cơ quan đã có, hoặc của một dòng phía trên'),
  ],
  async prepare(scope, values) {
    const r = new Reader(values, this.columns);
    const plain: Record<string, unknown> = { name: r.text('name'), shortName: r.text('shortName'), kind: r.choice('kind', KIND_LABELS) };
    const parentName = r.text('parent');
    let deferredParent = false;
    if (parentName) {
      const ids = await findByName(scope.manager, 'agencies', 'short_name', scope.provinceId, parentName);
      if (ids.length === 0 && scope.earlierNames.has(parentName.toLowerCase())) deferredParent = true;
      else plain.parentId = await resolveOne(r, scope.manager, 'agencies', 'short_name', scope.provinceId, 'parent', parentName);
    }
    const input = await validateInput(CreateAgencyInput, plain, { name: 'name', shortName: 'shortName', kind: 'kind', parentId: 'parent' }, r);
    const name = (plain.name as string | undefined)?.replace(/\s+/g, ' ');
    return {
      problems: r.problems,
      dedupeKey: name ? name.toLowerCase() : null,
      // The parent named by a row of an earlier chunk does not exist while checking; it does when committing.
      write: async () => (await new AgencyService().create(scope.ctx, deferredParent ? { ...input, parentId: null } : input)).id,
    };
  },
};

const MEMBER_KIND_LABELS: Record<MemberKind, string[]> = { INDIVIDUAL: ['Cá nhân'], COLLECTIVE: ['Tập thể'] };
const TITLE_LABELS: Record<AcademicTitle, string[]> = { GS: ['GS', 'Giáo sư'], PGS: ['PGS', 'Phó Giáo sư'] };
const DEGREE_LABELS: Record<Degree, string[]> = {
  TSKH: ['TSKH', 'Tiến sĩ khoa học'], TS: ['TS', 'Tiến sĩ'], THS: ['ThS', 'Thạc sĩ'], CKII: ['CKII', 'Chuyên khoa II', 'BSCKII'],
  CKI: ['CKI', 'Chuyên khoa I', 'BSCKI'], DH: ['ĐH', 'Đại học', 'Cử nhân', 'Kỹ sư'], CD: ['CĐ', 'Cao đẳng'], OTHER: ['Khác'],
};
const MEMBER_COLUMNS: Record<string, string> = {
  kind: 'kind', fullName: 'fullName', academicTitle: 'academicTitle', degree: 'degree', field: 'field', workplace: 'workplace',
  birthYear: 'birthYear', isYoungIntellectual: 'isYoungIntellectual', inEnterprise: 'inEnterprise', email: 'email', phone: 'phone',
  associationId: 'association', joinedOn: 'joinedOn',
};

const members: KindHandler = {
  columns: [
    col('kind', 'Loại hội viên', true, 'Cá nhân', 'Cá nhân hoặc Tập thể'),
    col('fullName', 'Họ tên hoặc tên tổ chức', true, 'Nguyễn Văn An', '2 đến 300 ký tự'),
    col('academicTitle', 'Chức danh khoa học', false, 'PGS', 'GS hoặc PGS (chỉ cá nhân)'),
    col('degree', 'Học vị', false, 'TS', 'TSKH, TS, ThS, CKII, CKI, ĐH, CĐ, Khác (chỉ cá nhân)'),
    col('field', 'Chuyên ngành', false, 'Y học', 'tối đa 200 ký tự'),
    col('workplace', 'Nơi công tác', false, 'Bệnh viện Đa khoa Đồng Nai', 'tối đa 300 ký tự'),
    col('birthYear', 'Năm sinh', false, '1980', 'từ 1900 đến năm nay (chỉ cá nhân)'),
    col('isYoungIntellectual', 'Trí thức trẻ', false, 'Không', 'Có hoặc Không'),
    col('inEnterprise', 'Trong doanh nghiệp', false, 'Không', 'Có hoặc Không'),
    col('email', 'Thư điện tử', false, 'an.nguyen@example.vn', 'địa chỉ thư điện tử'),
    col('phone', 'Điện thoại', false, '0251 3822 123', 'chữ số, có thể có + ( ) . - và dấu cách'),
    col('association', 'Hội thành viên', false, 'Hội Y học tỉnh Đồng Nai', 'tên hoặc tên viết tắt của hội đã có; trống: chưa gia nhập hội nào'),
    col('joinedOn', 'Ngày gia nhập', false, '01/06/2020', 'ngày dd/mm/yyyy; bắt buộc khi có hội thành viên'),
  ],
  async prepare(scope, values) {
    const r = new Reader(values, this.columns);
    const plain = {
      kind: r.choice('kind', MEMBER_KIND_LABELS), fullName: r.text('fullName'), academicTitle: r.choice('academicTitle', TITLE_LABELS),
      degree: r.choice('degree', DEGREE_LABELS), field: r.text('field'), workplace: r.text('workplace'), birthYear: r.int('birthYear'),
      isYoungIntellectual: r.bool('isYoungIntellectual'), inEnterprise: r.bool('inEnterprise'), email: r.text('email'), phone: r.text('phone'),
    };
    const input = await validateInput(CreateMemberInput, plain, MEMBER_COLUMNS, r);
    const associationName = r.text('association');
    const joinedOn = r.date('joinedOn');
    let associationId: string | undefined;
    if (associationName) {
      associationId = await resolveOne(r, scope.manager, 'member_associations', 'abbreviation', scope.provinceId, 'association', associationName);
      if (!joinedOn && !r.problems.some((p) => p.column === 'joinedOn')) r.problem('joinedOn', 'required', 'joinedOn is required with an association');
    } else if (joinedOn) {
      r.problem('association', 'required', 'association is required with joinedOn');
    }
    const fullName = plain.fullName?.replace(/\s+/g, ' ');
    if (fullName && plain.email) {
      const same: Row[] = await scope.manager.query(
        `SELECT 1 FROM members WHERE province_id = $1 AND deleted_at IS NULL AND lower(full_name) = lower($2) AND lower(email) = lower($3) LIMIT 1`,
        [scope.provinceId, fullName, plain.email]);
      if (same.length > 0) r.problem('fullName', 'unique', 'a member with this name and e-mail already exists in the province');
    }
    const key = fullName
      ? [plain.kind, fullName.toLowerCase(), plain.email?.toLowerCase() ?? '', plain.phone ?? '', plain.birthYear ?? '', associationName?.toLowerCase() ?? ''].join('|')
      : null;
    return {
      problems: r.problems,
      dedupeKey: key,
      write: async () => {
        const service = new MemberService();
        const member = await service.create(scope.ctx, input);
        if (associationId && joinedOn) {
          const membership = plainToInstance(AddMembershipInput, { memberId: member.id, associationId, joinedOn });
          await service.addMembership(scope.ctx, membership);
        }
        return member.id;
      },
    };
  },
};

const TASK_STATUS_LABELS: Record<DirectiveTaskStatus, string[]> = {
  NOT_STARTED: ['Chưa thực hiện'], IN_PROGRESS: ['Đang thực hiện'], COMPLETED: ['Đã hoàn thành', 'Hoàn thành'], CANCELLED: ['Hủy bỏ', 'Huỷ bỏ', 'Không thực hiện'],
};
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** "05/12/2023" (a date), "Quý I/2024" (a quarter), "15/11 hằng năm" (yearly), blank or "Thường xuyên" (none). */
export function parseDeadline(text: string | undefined): Record<string, unknown> | 'bad' {
  if (!text) return { kind: TaskDeadlineKind.NONE };
  const f = fold(text);
  if (f === 'thuong xuyen' || f === 'khong') return { kind: TaskDeadlineKind.NONE };
  const date = parseDate(text.trim());
  if (date) return { kind: TaskDeadlineKind.DATE, date };
  let m = /^quy\s*(iv|iii|ii|i|[1-4])\s*[/.-]?\s*(?:nam\s*)?(\d{4})$/.exec(f);
  if (m) return { kind: TaskDeadlineKind.QUARTER, quarter: ROMAN[m[1]], year: Number(m[2]) };
  m = /^(?:truoc\s*(?:ngay\s*)?)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*(?:hang|moi)\s*nam$/.exec(f);
  if (m) return { kind: TaskDeadlineKind.YEARLY, day: Number(m[1]), month: Number(m[2]) };
  return 'bad';
}

const TASK_COLUMNS: Record<string, string> = {
  directiveId: 'directive', seq: 'seq', title: 'title', content: 'content', leadAgencyId: 'leadAgency',
  coordinatingAgencyIds: 'coordinatingAgencies', deadline: 'deadline', status: 'status', completedOn: 'completedOn',
};

const tasks: KindHandler = {
  columns: [
    col('directive', 'Số, ký hiệu văn bản', true, '463-KL/TU', 'số và ký hiệu của văn bản đã có, ví dụ 463-KL/TU hoặc 2640/UBND-KGVX'),
    col('seq', 'Số thứ tự', false, '1', 'số nguyên; trống: số tiếp theo'),
    col('title', 'Tên nhiệm vụ', true, 'Rà soát quy định về chính sách khuyến khích', '2 đến 500 ký tự'),
    col('content', 'Nội dung', false, 'Rà soát và đề xuất sửa đổi', 'tối đa 20.000 ký tự'),
    col('leadAgency', 'Đơn vị chủ trì', true, 'Sở Khoa học và Công nghệ', 'tên hoặc tên viết tắt của cơ quan đã có'),
    col('coordinatingAgencies', 'Đơn vị phối hợp', false, 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', 'tên cơ quan đã có, cách nhau bởi dấu ;'),
    col('deadline', 'Thời hạn', false, 'Quý I/2024', 'dd/mm/yyyy, Quý I/2024, 15/11 hằng năm, hoặc trống'),
    col('status', 'Tình trạng', false, 'Chưa thực hiện', 'Chưa thực hiện, Đang thực hiện, Đã hoàn thành, Hủy bỏ'),
    col('completedOn', 'Ngày hoàn thành', false, '', 'ngày dd/mm/yyyy, chỉ khi Đã hoàn thành'),
  ],
  async prepare(scope, values) {
    const r = new Reader(values, this.columns);
    const symbol = r.text('directive');
    let directiveId: string | undefined;
    if (symbol) {
      const found: Row[] = await scope.manager.query(
        `SELECT id FROM directives WHERE province_id = $1 AND deleted_at IS NULL AND app_can_write(province_id)
           AND lower(replace(number_symbol, ' ', '')) = lower(replace($2, ' ', '')) LIMIT 2`,
        [scope.provinceId, symbol]);
      if (found.length === 0) r.problem('directive', 'notFound', `directive: "${symbol}" was not found in your province`, symbol);
      else if (found.length > 1) r.problem('directive', 'ambiguous', `directive: "${symbol}" names several documents`, symbol);
      else directiveId = found[0].id as string;
    }
    const leadName = r.text('leadAgency');
    const leadAgencyId = leadName ? await resolveOne(r, scope.manager, 'agencies', 'short_name', scope.provinceId, 'leadAgency', leadName) : undefined;
    const coordinatorNames = (r.text('coordinatingAgencies') ?? '').split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== '');
    const coordinatingAgencyIds: string[] = [];
    for (const name of coordinatorNames) {
      const id = await resolveOne(r, scope.manager, 'agencies', 'short_name', scope.provinceId, 'coordinatingAgencies', name);
      if (id) coordinatingAgencyIds.push(id);
    }
    if (leadAgencyId && coordinatingAgencyIds.includes(leadAgencyId)) {
      r.problem('coordinatingAgencies', 'notLead', 'the lead unit cannot also be a coordinating unit');
    }
    const deadlineText = r.text('deadline');
    const deadline = parseDeadline(deadlineText);
    if (deadline === 'bad') r.problem('deadline', 'deadline', 'deadline must be dd/mm/yyyy, Quý I/2024, 15/11 hằng năm or blank', deadlineText ?? null);
    const plain = {
      directiveId: directiveId ?? (symbol ? '00000000-0000-0000-0000-000000000000' : undefined),
      seq: r.int('seq'), title: r.text('title'), content: r.text('content'),
      leadAgencyId: leadAgencyId ?? (leadName ? '00000000-0000-0000-0000-000000000000' : undefined),
      coordinatingAgencyIds, deadline: deadline === 'bad' ? undefined : deadline,
      status: r.choice('status', TASK_STATUS_LABELS), completedOn: r.date('completedOn'),
    };
    const input = await validateInput(CreateDirectiveTaskInput, plain, TASK_COLUMNS, r);
    const title = plain.title?.replace(/\s+/g, ' ');
    const key = directiveId && (plain.seq !== undefined || title) ? `${directiveId}|${plain.seq !== undefined ? `#${plain.seq}` : title!.toLowerCase()}` : null;
    return {
      problems: r.problems,
      dedupeKey: key,
      write: async () => (await new DirectiveTaskService().create(scope.ctx, input)).id,
    };
  },
};

export const HANDLERS: Record<ImportKind, KindHandler> = {
  [ImportKind.MEMBER_ASSOCIATIONS]: memberAssociations,
  [ImportKind.MEMBERS]: members,
  [ImportKind.AGENCIES]: agencies,
  [ImportKind.TASKS]: tasks,
};

/** Maps each column's key to itself: problems of services name input fields, most of them the same as columns. */
export const COLUMN_OF: Record<ImportKind, Record<string, string>> = {
  [ImportKind.MEMBER_ASSOCIATIONS]: ASSOCIATION_COLUMNS,
  [ImportKind.MEMBERS]: MEMBER_COLUMNS,
  [ImportKind.AGENCIES]: { name: 'name', shortName: 'shortName', kind: 'kind', parentId: 'parent' },
  [ImportKind.TASKS]: TASK_COLUMNS,
};
