/**
 * Audit completeness: every mutation of the schema that changes a record, driven once with valid
 * input as the right principal, leaves exactly one audit_log row. The table below holds the valid
 * inputs; a mutation of the schema that is neither in it nor in EXCLUDED fails the suite. The one
 * bulk mutation, commitImportBatch, writes one row per record it creates plus one for the batch;
 * driven with a one-row batch, one row is expected beyond the batch's. Then: the
 * server's role cannot UPDATE or DELETE audit rows.
 */
import type { Client } from 'pg';
import { appClient, gql, login, ownerClient, sharedServer, loadSchema } from './support';

/** Mutations that change no record, with the reason. */
const EXCLUDED: Record<string, string> = {
  login: 'issues a token; changes no record',
  createImportBatch: 'stages an import; "nothing is written until commitImportBatch" (its description)',
  addImportRows: 'stages rows of an import; nothing is written until commitImportBatch',
  discardImportBatch: 'drops a staged import "without writing anything" (its description)',
};

type Vars = Record<string, unknown>;
interface Ctx {
  url: string;
  admin: string;
  owner: Client;
  ids: Record<string, any>;
  /** Runs one mutation and returns its data; throws on errors. */
  run(token: string, doc: string, variables: Vars): Promise<any>;
}

const today = new Date().toISOString().slice(0, 10);
const stamp = Date.now().toString(36);

/** In order: later steps use records made by earlier ones (ctx.ids). */
const STEPS: Array<[string, (c: Ctx) => Promise<void>]> = [
  ['createAgency', async (c) => {
    c.ids.agency = (await c.run(c.admin, 'mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id version } }', { i: { kind: 'DEPARTMENT', name: `Sở kiểm thử ${stamp}` } })).createAgency;
  }],
  ['updateAgency', async (c) => {
    c.ids.agency = (await c.run(c.admin, 'mutation($i: UpdateAgencyInput!) { updateAgency(input: $i) { id version } }', { i: { id: c.ids.agency.id, version: c.ids.agency.version, shortName: 'SKT' } })).updateAgency;
  }],
  ['createMemberAssociation', async (c) => {
    c.ids.assoc = (await c.run(c.admin, 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id version } }', { i: { name: `Hội kiểm thử ${stamp}` } })).createMemberAssociation;
  }],
  ['updateMemberAssociation', async (c) => {
    c.ids.assoc = (await c.run(c.admin, 'mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { id version } }', { i: { id: c.ids.assoc.id, version: c.ids.assoc.version, field: 'Kiểm thử' } })).updateMemberAssociation;
  }],
  ['createMember', async (c) => {
    c.ids.member = (await c.run(c.admin, 'mutation($i: CreateMemberInput!) { createMember(input: $i) { id version } }', { i: { fullName: `Nguyễn Kiểm Thử ${stamp}`, kind: 'INDIVIDUAL' } })).createMember;
  }],
  ['updateMember', async (c) => {
    c.ids.member = (await c.run(c.admin, 'mutation($i: UpdateMemberInput!) { updateMember(input: $i) { id version } }', { i: { id: c.ids.member.id, version: c.ids.member.version, field: 'Tin học' } })).updateMember;
  }],
  ['addMembership', async (c) => {
    c.ids.membership = (await c.run(c.admin, 'mutation($i: AddMembershipInput!) { addMembership(input: $i) { id version } }', { i: { associationId: c.ids.assoc.id, memberId: c.ids.member.id, joinedOn: '2024-01-15' } })).addMembership;
  }],
  ['endMembership', async (c) => {
    await c.run(c.admin, 'mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }', { i: { id: c.ids.membership.id, version: c.ids.membership.version, leftOn: today } });
  }],
  ['deleteMember', async (c) => {
    await c.run(c.admin, 'mutation($i: DeleteMemberInput!) { deleteMember(input: $i) { id } }', { i: { id: c.ids.member.id, version: c.ids.member.version } });
  }],
  ['deleteMemberAssociation', async (c) => {
    await c.run(c.admin, 'mutation($i: DeleteMemberAssociationInput!) { deleteMemberAssociation(input: $i) { id } }', { i: { id: c.ids.assoc.id, version: c.ids.assoc.version } });
  }],
  ['createDirective', async (c) => {
    c.ids.directive = (await c.run(c.admin, 'mutation($i: CreateDirectiveInput!) { createDirective(input: $i) { id version } }', {
      i: { docType: 'PLAN', system: 'STATE', symbol: 'KH-UBND', subject: `Kế hoạch kiểm thử ${stamp}`, issuerAgencyId: c.ids.agency.id },
    })).createDirective;
  }],
  ['updateDirective', async (c) => {
    c.ids.directive = (await c.run(c.admin, 'mutation($i: UpdateDirectiveInput!) { updateDirective(input: $i) { id version } }', { i: { id: c.ids.directive.id, version: c.ids.directive.version, summary: 'Tóm tắt' } })).updateDirective;
  }],
  ['createDirectiveTask', async (c) => {
    c.ids.task = (await c.run(c.admin, 'mutation($i: CreateDirectiveTaskInput!) { createDirectiveTask(input: $i) { id version } }', { i: { directiveId: c.ids.directive.id, leadAgencyId: c.ids.agency.id, title: 'Nhiệm vụ kiểm thử' } })).createDirectiveTask;
  }],
  ['updateDirectiveTask', async (c) => {
    c.ids.task = (await c.run(c.admin, 'mutation($i: UpdateDirectiveTaskInput!) { updateDirectiveTask(input: $i) { id version } }', { i: { id: c.ids.task.id, version: c.ids.task.version, content: 'Nội dung' } })).updateDirectiveTask;
  }],
  ['addTaskProgressReport', async (c) => {
    await c.run(c.admin, 'mutation($i: AddTaskProgressReportInput!) { addTaskProgressReport(input: $i) { id } }', { i: { taskId: c.ids.task.id, percent: 40, reportedOn: today, reporter: 'Phòng QLKH', text: 'Đã triển khai' } });
  }],
  ['deleteDirectiveTask', async (c) => {
    const v = (await c.owner.query('SELECT version FROM directive_tasks WHERE id = $1', [c.ids.task.id])).rows[0].version;
    await c.run(c.admin, 'mutation($i: DeleteDirectiveTaskInput!) { deleteDirectiveTask(input: $i) { id } }', { i: { id: c.ids.task.id, version: v } });
  }],
  ['deleteDirective', async (c) => {
    const v = (await c.owner.query('SELECT version FROM directives WHERE id = $1', [c.ids.directive.id])).rows[0].version;
    await c.run(c.admin, 'mutation($i: DeleteDirectiveInput!) { deleteDirective(input: $i) { id } }', { i: { id: c.ids.directive.id, version: v } });
  }],
  ['createActivity', async (c) => {
    c.ids.activity = (await c.run(c.admin, 'mutation($i: CreateActivityInput!) { createActivity(input: $i) { id version } }', { i: { kind: 'WORKSHOP', title: `Hội thảo kiểm thử ${stamp}`, heldOn: '2024-05-10' } })).createActivity;
  }],
  ['updateActivity', async (c) => {
    c.ids.activity = (await c.run(c.admin, 'mutation($i: UpdateActivityInput!) { updateActivity(input: $i) { id version } }', { i: { id: c.ids.activity.id, version: c.ids.activity.version, participants: 80 } })).updateActivity;
  }],
  ['deleteActivity', async (c) => {
    await c.run(c.admin, 'mutation($i: DeleteActivityInput!) { deleteActivity(input: $i) { id } }', { i: { id: c.ids.activity.id, version: c.ids.activity.version } });
  }],
  ['deleteAgency', async (c) => {
    const other = (await c.run(c.admin, 'mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id version } }', { i: { kind: 'OTHER', name: `Đơn vị xoá ${stamp}` } })).createAgency;
    c.ids.extraAudit = 1; // the createAgency above has its own row
    await c.run(c.admin, 'mutation($i: DeleteAgencyInput!) { deleteAgency(input: $i) { id } }', { i: { id: other.id, version: other.version } });
  }],
  ['createCommissioningRequest', async (c) => {
    const area = (await c.owner.query('SELECT id::text FROM research_areas ORDER BY id LIMIT 1')).rows[0].id;
    c.ids.request = (await c.run(c.admin, 'mutation($i: CreateCommissioningRequestInput!) { createCommissioningRequest(input: $i) { id version allowedNextStages } }', {
      i: { requestingAgencyId: c.ids.agency.id, researchAreaId: area, title: `Đề tài kiểm thử ${stamp}`, year: 2025 },
    })).createCommissioningRequest;
  }],
  ['updateCommissioningRequest', async (c) => {
    c.ids.request = (await c.run(c.admin, 'mutation($i: UpdateCommissioningRequestInput!) { updateCommissioningRequest(input: $i) { id version allowedNextStages } }', {
      i: { id: c.ids.request.id, version: c.ids.request.version, objectives: 'Mục tiêu' },
    })).updateCommissioningRequest;
  }],
  ['transitionCommissioningRequest', async (c) => {
    const to = ['DETERMINED', 'CANCELLED', 'REJECTED'].find((s) => c.ids.request.allowedNextStages.includes(s));
    await c.run(c.admin, 'mutation($i: TransitionCommissioningRequestInput!) { transitionCommissioningRequest(input: $i) { id stage } }', {
      i: { id: c.ids.request.id, version: c.ids.request.version, toStage: to, reason: 'Quyết định 123/QĐ-UBND' },
    });
  }],
  ['addCommissioningCheck', async (c) => {
    const r = (await c.owner.query(`SELECT id::text, actual_start FROM commissioning_requests WHERE province_id = 75 AND stage = 'IN_PROGRESS' ORDER BY id LIMIT 1`)).rows[0];
    if (!r) throw new Error('no commissioned task IN_PROGRESS in province 75 to check');
    await c.run(c.admin, 'mutation($i: AddCommissioningCheckInput!) { addCommissioningCheck(input: $i) { id } }', { i: { requestId: r.id, checkedOn: today, result: 'ON_TRACK' } });
  }],
  ['prepareAnnualReport', async (c) => {
    c.ids.report = (await c.run(c.admin, 'mutation($i: PrepareAnnualReportInput!) { prepareAnnualReport(input: $i) { id version } }', { i: { year: 2022 } })).prepareAnnualReport;
  }],
  ['submitAnnualReport', async (c) => {
    c.ids.report = (await c.run(c.admin, 'mutation($i: SubmitAnnualReportInput!) { submitAnnualReport(input: $i) { id version } }', { i: { id: c.ids.report.id, version: c.ids.report.version } })).submitAnnualReport;
  }],
  ['publishAnnualReport', async (c) => {
    c.ids.report = (await c.run(c.admin, 'mutation($i: PublishAnnualReportInput!) { publishAnnualReport(input: $i) { id version } }', { i: { id: c.ids.report.id, version: c.ids.report.version, published: false } })).publishAnnualReport;
  }],
  ['reopenAnnualReport', async (c) => {
    await c.run(c.admin, 'mutation($i: ReopenAnnualReportInput!) { reopenAnnualReport(input: $i) { id version } }', { i: { id: c.ids.report.id, version: c.ids.report.version, reason: 'Sửa số liệu' } });
  }],
  ['createApiKey', async (c) => {
    c.ids.key = (await c.run(c.admin, 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }', { i: { name: `Khoá kiểm thử ${stamp}`, scope: 'READ_ONLY' } })).createApiKey.apiKey;
  }],
  ['revokeApiKey', async (c) => {
    await c.run(c.admin, 'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { id } }', { i: { id: c.ids.key.id } });
  }],
  ['inviteUser', async (c) => {
    c.ids.invite = (await c.run(c.admin, 'mutation($i: InviteUserInput!) { inviteUser(input: $i) { invitationToken user { id version } } }', {
      i: { email: `moi-${stamp}@example.com`, fullName: 'Người được mời', role: 'PROVINCE_VIEWER' },
    })).inviteUser;
  }],
  ['acceptInvitation', async (c) => {
    await c.run('', 'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { token } }', { i: { token: c.ids.invite.invitationToken, password: 'mat-khau-kiem-thu-2025' } });
  }],
  ['changeUserRole', async (c) => {
    const v = (await c.owner.query('SELECT version FROM users WHERE id = $1', [c.ids.invite.user.id])).rows[0].version;
    c.ids.user = (await c.run(c.admin, 'mutation($i: ChangeUserRoleInput!) { changeUserRole(input: $i) { id version } }', { i: { id: c.ids.invite.user.id, version: v, role: 'PROVINCE_EDITOR' } })).changeUserRole;
  }],
  ['disableUser', async (c) => {
    c.ids.user = (await c.run(c.admin, 'mutation($i: UserVersionInput!) { disableUser(input: $i) { id version } }', { i: { id: c.ids.user.id, version: c.ids.user.version } })).disableUser;
  }],
  ['enableUser', async (c) => {
    await c.run(c.admin, 'mutation($i: UserVersionInput!) { enableUser(input: $i) { id version } }', { i: { id: c.ids.user.id, version: c.ids.user.version } });
  }],
  ['commitImportBatch', async (c) => {
    const batch = (await c.run(c.admin, 'mutation($i: CreateImportBatchInput!) { createImportBatch(input: $i) { id } }', { i: { fileName: 'hoi.xlsx', kind: 'MEMBER_ASSOCIATIONS', totalRows: 1 } })).createImportBatch;
    await c.run(c.admin, 'mutation($i: AddImportRowsInput!) { addImportRows(input: $i) { id ready } }', {
      i: { batchId: batch.id, rows: [{ rowNumber: 2, cells: [{ key: 'name', value: `Hội nhập khẩu ${stamp}` }] }] },
    });
    // The one bulk mutation: each imported record is audited like any create, and the batch gets
    // one IMPORT row of its own; with one row imported that is one row per changed record, two in all.
    c.ids.extraAudit = 1;
    await c.run(c.admin, 'mutation($id: ID!) { commitImportBatch(id: $id) { id status } }', { id: batch.id });
  }],
];

describe('audit completeness', () => {
  const { url, dataDir } = sharedServer();

  it('writes exactly one audit row for every record-changing mutation of the schema', async () => {
    const schema = loadSchema();
    const owner = await ownerClient(dataDir);
    const admin = await login(url, 'admin@dongnai.demo');
    const ctx: Ctx = {
      url, admin, owner, ids: {},
      async run(token, doc, variables) {
        const r = await gql(url, token || undefined, doc, variables);
        if (r.body?.errors?.length || !r.body?.data) throw new Error(`${doc.slice(0, 60)}: ${r.text.slice(0, 500)}`);
        return r.body.data;
      },
    };
    const results: Array<{ name: string; audit: number; error?: string }> = [];
    try {
      for (const [name, step] of STEPS) {
        ctx.ids.extraAudit = 0;
        const before = Number((await owner.query('SELECT count(*) FROM audit_log')).rows[0].count);
        try {
          await step(ctx);
          const after = Number((await owner.query('SELECT count(*) FROM audit_log')).rows[0].count);
          results.push({ name, audit: after - before - ctx.ids.extraAudit });
        } catch (e) {
          results.push({ name, audit: -1, error: (e as Error).message });
        }
      }
    } finally {
      await owner.end();
    }
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    const driven = new Set(STEPS.map(([n]) => n));
    const uncovered = mutations.filter((m) => !driven.has(m) && !(m in EXCLUDED));
    const wrong = results.filter((r) => r.audit !== 1);
    const considered = mutations.filter((m) => !(m in EXCLUDED));
    const ok = results.filter((r) => r.audit === 1 && considered.includes(r.name));
    console.log(
      `[security] audit completeness: ${ok.length}/${considered.length} record-changing mutations leave exactly one audit row; ` +
        `excluded ${Object.keys(EXCLUDED).length} (${Object.entries(EXCLUDED).map(([m, why]) => `${m}: ${why}`).join('; ')}); ` +
        `not covered by the table ${uncovered.length}${uncovered.length ? ` (${uncovered.join(', ')})` : ''}`,
    );
    if (wrong.length) console.log(`[security] audit problems:\n  ${wrong.map((r) => `${r.name}: ${r.error ?? `${r.audit} audit rows`}`).join('\n  ')}`);
    expect(uncovered).toEqual([]);
    expect(wrong).toEqual([]);
    expect(ok.length).toBe(considered.length);
  }, 120_000);

  it('the server role cannot change or delete audit rows', async () => {
    const app = await appClient(dataDir);
    const owner = await ownerClient(dataDir);
    try {
      const sum = async () => (await owner.query(`SELECT count(*)::text || md5(string_agg(t::text, '|' ORDER BY id)) AS s FROM audit_log t`)).rows[0].s;
      const before = await sum();
      const attempts: string[] = [];
      for (const sql of ['UPDATE audit_log SET action = $$TAMPERED$$ WHERE province_id = 75', 'DELETE FROM audit_log WHERE province_id = 75', 'TRUNCATE audit_log']) {
        await app.query('BEGIN');
        try {
          await app.query(`SELECT set_config('app.role', 'PROVINCE_ADMIN', true), set_config('app.province_ids', '75,70', true), set_config('app.can_write', 'on', true)`);
          const r = await app.query(sql);
          attempts.push(`${sql.split(' ')[0]}: ${r.rowCount} rows`);
        } catch (e) {
          attempts.push(`${sql.split(' ')[0]}: refused (${(e as Error).message})`);
        } finally {
          await app.query('ROLLBACK');
        }
      }
      console.log(`[security] audit rows as stp_server: ${attempts.join('; ')}`);
      for (const a of attempts) expect(a).toMatch(/refused|: 0 rows/);
      expect(await sum()).toBe(before);
    } finally {
      await app.end();
      await owner.end();
    }
  });
});
