/**
 * An enterprise's home below its needs (issue 23 §1): the open major hazards by their 治理时限, the
 * nearest first, each linking to the hazard.
 */
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { HomeResponse } from '../../../shared/home.schemas.ts';
import { daysBetween } from '../../../shared/dates.ts';
import { useI18n } from '../../app/i18n.tsx';
import { HazardStateTag } from '../hazards/HazardStateTag.tsx';

type Row = HomeResponse['rectifying'][number];

export function RectifyingCard({ rows, today }: { rows: Row[]; today: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('home.rectifyingTitle')} data-testid="rectifying">
      <Table<Row>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: t('mine.name'),
            dataIndex: 'mineName',
            render: (name: string, r) => <Link to={`/hazards/${r.id}`}>{name}</Link>,
          },
          { title: t('hazard.criterion'), dataIndex: 'criterionCode' },
          { title: t('hazard.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('hazard.state'),
            render: (_, r) => <HazardStateTag hazard={r} />,
          },
          {
            title: t('home.deadline'),
            dataIndex: 'deadline',
            render: (d: string | null, r) =>
              d === null ? (
                t('home.noDeadline')
              ) : (
                <>
                  {d}{' '}
                  {!r.overdue && <Tag>{t('home.daysLeft', { days: daysBetween(today, d) })}</Tag>}
                </>
              ),
          },
        ]}
      />
    </Card>
  );
}
