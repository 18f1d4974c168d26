import { registerEnumType } from 'type-graphql';

/** What a user may do. Province roles act in one province (and its predecessors); the ministry reads all. */
export enum Role {
  PROVINCE_ADMIN = 'PROVINCE_ADMIN',
  PROVINCE_EDITOR = 'PROVINCE_EDITOR',
  PROVINCE_VIEWER = 'PROVINCE_VIEWER',
  MINISTRY_ANALYST = 'MINISTRY_ANALYST',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'A user role (vai trò).',
  valuesConfig: {
    PROVINCE_ADMIN: { description: 'Province administrator (quản trị tỉnh): manages the province, its users and data.' },
    PROVINCE_EDITOR: { description: 'Province editor (biên tập viên): enters and edits the province data.' },
    PROVINCE_VIEWER: { description: 'Province viewer (người xem): reads the province data, writes nothing.' },
    MINISTRY_ANALYST: { description: 'Ministry analyst (chuyên viên Bộ): reads every province, writes no province data.' },
  },
});

/** Roles that may change province data. */
export const WRITER_ROLES = [Role.PROVINCE_ADMIN, Role.PROVINCE_EDITOR] as const;

export function canWrite(role: Role): boolean {
  return (WRITER_ROLES as readonly Role[]).includes(role);
}
