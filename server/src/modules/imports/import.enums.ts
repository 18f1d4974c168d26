import { registerEnumType } from 'type-graphql';

export enum ImportKind {
  MEMBER_ASSOCIATIONS = 'MEMBER_ASSOCIATIONS',
  MEMBERS = 'MEMBERS',
  AGENCIES = 'AGENCIES',
  TASKS = 'TASKS',
}
registerEnumType(ImportKind, {
  name: 'ImportKind',
  description: 'What a spreadsheet import creates (loại dữ liệu nhập).',
  valuesConfig: {
    MEMBER_ASSOCIATIONS: { description: 'Member associations (hội thành viên).' },
    MEMBERS: { description: 'Members (hội viên), each optionally joining a member association named in the row.' },
    AGENCIES: { description: 'Agencies and units (cơ quan, đơn vị); a parent may be named by an earlier row of the same file.' },
    TASKS: { description: 'Tasks (nhiệm vụ) of existing documents, with lead and coordinating units named.' },
  },
});

export enum ImportBatchStatus {
  OPEN = 'OPEN',
  COMMITTED = 'COMMITTED',
  DISCARDED = 'DISCARDED',
}
registerEnumType(ImportBatchStatus, {
  name: 'ImportBatchStatus',
  description: 'State of an import batch (trạng thái lô nhập).',
  valuesConfig: {
    OPEN: { description: 'Rows are being sent and checked, or wait for confirmation; nothing is written yet.' },
    COMMITTED: { description: 'Every row was written, in one transaction.' },
    DISCARDED: { description: 'Dropped without writing anything.' },
  },
});
