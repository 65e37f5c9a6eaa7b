/**
 * 应急准备与培训 (issue 25 §3): the mines of the region (or the enterprise's) whose plans, drills, 反风演习,
 * rescue agreement, 自救器 practice, training or 两单两卡 are out of date, and one mine's registers where
 * a new entry is recorded — a drill that brings the register into date ends its finding.
 */
import { Button, Select, Table, Tabs, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { emergencyApi } from '../../../shared/emergency.api.ts';
import type { EmergencyFindingResponse } from '../../../shared/emergency.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useMinePicker } from '../hazards/pickers.ts';
import { MineRegister } from './MineRegister.tsx';

export function EmergencyPage() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('nav.emergency'));
  const mineId = params.get('mineId') ?? undefined;
  const picker = useMinePicker(mineId);
  const findings = useQuery({
    queryKey: ['emergency-findings', region],
    queryFn: () => call(emergencyApi.findings, { query: { region } }),
  });
  if (findings.error) {
    return <QueryError error={findings.error} />;
  }
  const open = (id: string) => setParams({ tab: 'register', mineId: id });
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.emergency')}</h1>
        <Select
          showSearch
          filterOption={false}
          onSearch={picker.onSearch}
          options={picker.options}
          value={mineId}
          placeholder={t('emergency.pickMine')}
          style={{ minWidth: 320 }}
          onChange={open}
          data-testid="emergency-mine"
        />
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'findings'}
        onChange={(key) => setParams({ ...(mineId ? { mineId } : {}), tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'findings',
            label: t('emergency.tabFindings'),
            children: (
              <Table<EmergencyFindingResponse>
                size="small"
                rowKey={(f) => `${f.mineId}${f.rule}${f.dueOn}`}
                loading={findings.isLoading}
                dataSource={findings.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="emergency-findings"
                columns={[
                  { title: t('surveys.mine'), dataIndex: 'mineName' },
                  { title: t('surveys.county'), dataIndex: 'countyName', width: 120 },
                  {
                    title: t('emergency.rule'),
                    dataIndex: 'rule',
                    width: 130,
                    render: (r: string, f) => (
                      <Tooltip title={f.source}>
                        <Tag color="red">{v(r)}</Tag>
                      </Tooltip>
                    ),
                  },
                  { title: t('emergency.finding'), dataIndex: 'message' },
                  { title: t('emergency.dueOn'), dataIndex: 'dueOn', width: 120 },
                  {
                    title: '',
                    width: 100,
                    render: (_: unknown, f) => (
                      <Button size="small" onClick={() => open(f.mineId)}>
                        {t('emergency.openRegister')}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'register',
            label: t('emergency.tabRegister'),
            children: mineId ? <MineRegister mineId={mineId} /> : t('emergency.pickMine'),
          },
        ]}
      />
    </div>
  );
}
