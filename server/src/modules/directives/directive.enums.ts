import { registerEnumType } from 'type-graphql';

export enum DirectiveSystem {
  STATE = 'STATE',
  PARTY = 'PARTY',
}
registerEnumType(DirectiveSystem, {
  name: 'DirectiveSystem',
  description: 'Which system issued a document: the state (văn bản hành chính nhà nước) or the Party (văn bản của Đảng).',
  valuesConfig: {
    STATE: { description: 'State document (Nghị định 30/2020/NĐ-CP), numbered "2640/UBND-KGVX"; numbers restart every calendar year per issuer.' },
    PARTY: { description: 'Party document (Hướng dẫn 36-HD/VPTW), numbered "463-KL/TU"; numbers run over a committee term per issuer and type.' },
  },
});

export enum DirectiveDocType {
  CONCLUSION = 'CONCLUSION',
  OFFICIAL_LETTER = 'OFFICIAL_LETTER',
  PLAN = 'PLAN',
  RESOLUTION = 'RESOLUTION',
  DIRECTIVE = 'DIRECTIVE',
  DECISION = 'DECISION',
  REPORT = 'REPORT',
  PROPOSAL = 'PROPOSAL',
}
registerEnumType(DirectiveDocType, {
  name: 'DirectiveDocType',
  description: 'Type of document (loại văn bản).',
  valuesConfig: {
    CONCLUSION: { description: 'Conclusion (kết luận, KL).' },
    OFFICIAL_LETTER: { description: 'Official letter (công văn), with a "V/v" subject and no type code.' },
    PLAN: { description: 'Plan (kế hoạch, KH).' },
    RESOLUTION: { description: 'Resolution (nghị quyết, NQ).' },
    DIRECTIVE: { description: 'Directive (chỉ thị, CT).' },
    DECISION: { description: 'Decision (quyết định, QĐ).' },
    REPORT: { description: 'Report (báo cáo, BC).' },
    PROPOSAL: { description: 'Proposal or submission (tờ trình, đề xuất, TTr).' },
  },
});

export enum DirectiveTaskStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DirectiveTaskStatus, {
  name: 'DirectiveTaskStatus',
  description: 'Progress status of a task (tình trạng thực hiện nhiệm vụ).',
  valuesConfig: {
    NOT_STARTED: { description: 'Not started (chưa thực hiện).' },
    IN_PROGRESS: { description: 'In progress (đang thực hiện).' },
    COMPLETED: { description: 'Completed (đã hoàn thành); has a completion date.' },
    CANCELLED: { description: 'Cancelled (hủy bỏ, không thực hiện); never overdue.' },
  },
});

export enum TaskDeadlineKind {
  NONE = 'NONE',
  DATE = 'DATE',
  QUARTER = 'QUARTER',
  YEARLY = 'YEARLY',
}
registerEnumType(TaskDeadlineKind, {
  name: 'TaskDeadlineKind',
  description: 'How a task deadline (thời hạn) is expressed.',
  valuesConfig: {
    NONE: { description: 'No deadline (không thời hạn), e.g. a standing task (thường xuyên).' },
    DATE: { description: 'A fixed date (trước ngày), e.g. "05/12/2023".' },
    QUARTER: { description: 'A quarter of a year (quý), due on its last day, e.g. "Quý I/2024" is due 31/03/2024.' },
    YEARLY: { description: 'A day every year (hằng năm), e.g. "15/11 hằng năm"; met each year by a progress report dated from 1 January to that day.' },
  },
});
