/**
 * One coal mine's uploads on the 数据接入 page: each file type by its name (测点实时数据 …) with its newest
 * file, delay (late ones marked against their limit), files in the last hour and day and refusals; then
 * the files refused in the last day with where and why.
 */
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import type { CoalMineFeedsResponse } from '../../../shared/coal-upload.schemas.ts';
import { useFormatDuration } from '../../app/duration.ts';
import { useI18n } from '../../app/i18n.tsx';
import { problemPlace } from './coal.ts';

type Feed = CoalMineFeedsResponse['feeds'][number];
type RefusedFile = CoalMineFeedsResponse['refusedFiles'][number];

export function MineFeeds({ mine }: { mine: CoalMineFeedsResponse }) {
  const { t, formatDateTime } = useI18n();
  const duration = useFormatDuration();
  const typeName = (type: string) => t(`coalTypes.${type}` as 'coalTypes.CDSS');
  if (mine.coalCode === null) {
    return <Alert type="warning" showIcon message={t('coal.noCode')} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="mine-feeds">
      <Table<Feed>
        size="small"
        rowKey="type"
        pagination={false}
        dataSource={mine.feeds}
        columns={[
          {
            title: t('coal.feedType'),
            dataIndex: 'type',
            render: (type: string) => typeName(type),
          },
          {
            title: t('coal.lastFile'),
            dataIndex: 'lastFileAt',
            render: (at: string | null) => (at ? formatDateTime(at) : t('coal.never')),
          },
          {
            title: t('coal.delay'),
            dataIndex: 'delaySeconds',
            render: (s: number | null, f) => (
              <Space size={4} wrap>
                {s === null ? '—' : duration(s * 1000)}
                {f.stale && (
                  <Tag
                    color="orange"
                    title={t('coal.staleAfter', { minutes: f.staleAfterMinutes ?? 0 })}
                  >
                    {t('coal.late')}
                  </Tag>
                )}
                {f.staleAfterMinutes === null && (
                  <Typography.Text type="secondary">{t('coal.notJudged')}</Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('coal.filesLastHour'), dataIndex: 'filesLastHour', align: 'right' },
          { title: t('coal.filesLastDay'), dataIndex: 'filesLastDay', align: 'right' },
          {
            title: t('coal.refusedLastDay'),
            dataIndex: 'refusedLastDay',
            align: 'right',
            render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
          },
        ]}
      />
      {mine.refusedFiles.length > 0 && (
        <Card size="small" title={t('coal.refusedFiles')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {mine.refusedFiles.map((f) => (
              <RefusedFileItem key={f.id} file={f} typeName={typeName} />
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}

function RefusedFileItem({
  file: f,
  typeName,
}: {
  file: RefusedFile;
  typeName: (type: string) => string;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <Space direction="vertical" size={2} data-testid="refused-file">
      <Space wrap>
        <strong>{typeName(f.type)}</strong>
        <span>
          {t('coal.fileTime')} {formatDateTime(f.fileAt)}
        </span>
        <Typography.Text type="secondary">
          {t('coal.receivedAt')} {formatDateTime(f.receivedAt)}
        </Typography.Text>
        <Tag color="red">
          {f.outcome === 'refused'
            ? t('coal.refusedWhole')
            : t('coal.refusedRecords', { count: f.refused, total: f.records })}
        </Tag>
      </Space>
      {f.problems.map((p, i) => (
        <span key={i}>
          {problemPlace(p, t)} · {p.field}: {p.reason}
          {p.value !== undefined && p.value !== '' && p.field !== '文件名' && (
            <Typography.Text type="secondary"> ({p.value})</Typography.Text>
          )}
        </span>
      ))}
    </Space>
  );
}
