/**
 * The mine page's 承包单位 tab: each contractor with its scope and dates; expanded, the 项目部 it sent
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条) with employment and qualifications, where anything but 正式职工 is
 * marked. Users who manage contractors register staff here; the 合规 tab judges them.
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { QueryEmpty } from '../../components/QueryEmpty.tsx';
import type {
  ContractorResponse,
  ContractorStaffResponse,
} from '../../../shared/registry.schemas.ts';
import {
  contractorStaffRoles,
  employmentKinds,
  professionalTitles,
  staffEducationLevels,
} from '../../../shared/registry.enums.ts';
import { contractorStaffApi, contractorsApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';

function StaffTable({ staff }: { staff: ContractorStaffResponse[] }) {
  const { t, v } = useI18n();
  return (
    <Table<ContractorStaffResponse>
      size="small"
      rowKey="id"
      dataSource={staff}
      pagination={false}
      data-testid="contractor-staff"
      locale={{ emptyText: t('mine.staffNone') }}
      columns={[
        { title: t('mine.personName'), dataIndex: 'name' },
        { title: t('mine.staffRole'), dataIndex: 'role', render: (r: string) => v(r) },
        { title: t('mine.idNumber'), dataIndex: 'idNumberMasked' },
        {
          title: t('mine.employment'),
          dataIndex: 'employment',
          render: (e: string) => <Tag color={e === '正式职工' ? 'green' : 'red'}>{v(e)}</Tag>,
        },
        {
          title: t('mine.education'),
          render: (_: unknown, s) =>
            s.education
              ? `${s.education}${s.relatedMajor ? ` (${t('mine.relatedMajor')})` : ''}`
              : '—',
        },
        { title: t('mine.title'), dataIndex: 'title', render: (x: string | null) => x ?? '—' },
      ]}
    />
  );
}

function StaffDialog(props: { contractor: ContractorResponse | null; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const options = (values: readonly string[]) => values.map((x) => ({ value: x, label: v(x) }));
  return (
    <StepDialog
      form={form}
      send={props.contractor ? (body) => call(contractorStaffApi.create, { body }) : null}
      title={`${t('mine.staffAdd')} · ${props.contractor?.name ?? ''}`}
      onClose={props.onClose}
      initialValues={{ employment: '正式职工', relatedMajor: true }}
      toBody={(values) => ({ ...values, contractorId: props.contractor?.id })}
    >
      <Form.Item name="name" label={t('mine.personName')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="role" label={t('mine.staffRole')} rules={[{ required: true }]}>
        <Select options={options(contractorStaffRoles)} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('mine.idNumber')} rules={[{ required: true }]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="employment" label={t('mine.employment')} rules={[{ required: true }]}>
        <Select options={options(employmentKinds)} />
      </Form.Item>
      <Form.Item name="education" label={t('mine.education')}>
        <Select allowClear options={options(staffEducationLevels)} />
      </Form.Item>
      <Form.Item name="relatedMajor" valuePropName="checked">
        <Checkbox>{t('mine.relatedMajor')}</Checkbox>
      </Form.Item>
      <Form.Item name="title" label={t('mine.title')}>
        <Select allowClear options={options(professionalTitles)} />
      </Form.Item>
    </StepDialog>
  );
}

export function ContractorsTab({ mineId }: { mineId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [adding, setAdding] = useState<ContractorResponse | null>(null);
  const contractors = useQuery({
    queryKey: ['mine', mineId, 'contractors'],
    queryFn: () => call(contractorsApi.list, { query: { mineId, limit: 200 } }),
  });
  const staff = useQuery({
    queryKey: ['mine', mineId, 'contractor-staff'],
    queryFn: () => call(contractorStaffApi.list, { query: { mineId, limit: 200 } }),
  });
  const staffOf = (id: string) => (staff.data?.items ?? []).filter((s) => s.contractorId === id);
  return (
    <>
      <Table<ContractorResponse>
        size="small"
        rowKey="id"
        loading={contractors.isLoading}
        dataSource={contractors.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <QueryEmpty error={contractors.error} /> }}
        expandable={{ expandedRowRender: (c) => <StaffTable staff={staffOf(c.id)} /> }}
        columns={[
          { title: t('mine.contractorName'), dataIndex: 'name' },
          { title: t('mine.creditCode'), dataIndex: 'creditCode' },
          {
            title: t('mine.scopes'),
            dataIndex: 'scopes',
            render: (s: string[]) => s.join('、'),
          },
          { title: t('mine.startsOn'), dataIndex: 'startsOn' },
          { title: t('mine.endsOn'), dataIndex: 'endsOn' },
          {
            title: t('mine.projectStaff'),
            render: (_: unknown, c) => (
              <>
                {staffOf(c.id).length}
                {can('registry.contractor.manage') && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setAdding(c)}
                    data-testid={`staff-add-${c.id}`}
                  >
                    {t('mine.staffAdd')}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
      <StaffDialog contractor={adding} onClose={() => setAdding(null)} />
    </>
  );
}
