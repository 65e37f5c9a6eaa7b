import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contractors } from './contractor.table.ts';
import { idNumberColumns } from './person.table.ts';
import type {
  ContractorStaffRole,
  EmploymentKind,
  ProfessionalTitle,
  StaffEducationLevel,
} from '../../../shared/registry.enums.ts';

/**
 * A person a contractor sent to its 项目部 at the mine: 项目负责人、技术人员、安全生产管理人员 or
 * 特种作业人员, with how they are employed and qualified (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 矿安〔2022〕88号
 * 地下(二十八)2).
 * The ID number is kept as for the mine's own people, so one person serving at two mines is found.
 */
export const contractorStaff = pgTable(
  'contractor_staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractorId: uuid('contractor_id')
      .notNull()
      .references(() => contractors.id),
    name: text('name').notNull(),
    role: text('role').notNull().$type<ContractorStaffRole>(),
    ...idNumberColumns(),
    employment: text('employment').notNull().$type<EmploymentKind>(),
    education: text('education').$type<StaffEducationLevel>(),
    relatedMajor: boolean('related_major').notNull().default(false),
    title: text('title').$type<ProfessionalTitle>(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contractor_staff_contractor_idx').on(t.contractorId),
    index('contractor_staff_digest_idx').on(t.idNumberDigest),
  ],
);
