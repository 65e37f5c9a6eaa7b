/**
 * 规则参数: every rule parameter grouped by module, each with what it governs, its source and a
 * 已核实/未核实 tag, its value and default; the system admin changes one with a reason, and anyone who may
 * read them sees each one's history (who, when, why, before → after).
 */
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { platformApi } from '../../../shared/platform.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { groupSettings, type Setting } from './admin.ts';
import { ValueText } from './ValueText.tsx';
import { SettingEditDialog, SettingHistoryDialog } from './SettingDialogs.tsx';

/** The settings of one module. */
export function SettingsGroup(props: {
  module: string;
  settings: Setting[];
  canEdit: boolean;
  onEdit: (s: Setting) => void;
  onHistory: (s: Setting) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const moduleName =
    t(`adminModules.${props.module}`) === `adminModules.${props.module}`
      ? t('adminModules.other')
      : t(`adminModules.${props.module}`);
  return (
    <Card size="small" title={moduleName} style={{ marginBottom: 16 }} data-testid="settings-group">
      <Table<Setting>
        size="small"
        rowKey="key"
        dataSource={props.settings}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('admin.description'),
            dataIndex: 'description',
            width: 260,
            render: (d: string, s) => (
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{d}</Typography.Text>
                {s.verified ? (
                  <Tag color="green">{t('admin.verified')}</Tag>
                ) : (
                  <Tag color="orange">{t('admin.unverified')}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('admin.source'),
            dataIndex: 'source',
            width: 240,
            render: (src: string) => <Typography.Text type="secondary">{src}</Typography.Text>,
          },
          {
            title: t('admin.currentValue'),
            dataIndex: 'value',
            render: (v: unknown, s) => (
              <Space direction="vertical" size={2}>
                <ValueText value={v} />
                {s.isDefault ? (
                  <Tag>{t('admin.isDefault')}</Tag>
                ) : (
                  s.updatedAt && (
                    <Typography.Text type="secondary">
                      {t('admin.updatedAt')} {formatDateTime(s.updatedAt)}
                    </Typography.Text>
                  )
                )}
              </Space>
            ),
          },
          {
            title: t('admin.defaultValue'),
            dataIndex: 'default',
            render: (v: unknown, s) =>
              s.isDefault ? (
                <Typography.Text type="secondary">{t('admin.sameAsCurrent')}</Typography.Text>
              ) : (
                <ValueText value={v} />
              ),
          },
          {
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, s) => (
              <Space size="small">
                {props.canEdit && (
                  <Button size="small" onClick={() => props.onEdit(s)}>
                    {t('common.edit')}
                  </Button>
                )}
                <Button size="small" onClick={() => props.onHistory(s)}>
                  {t('admin.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  usePageTitle(t('admin.settings'));
  const [editing, setEditing] = useState<Setting | undefined>();
  const [history, setHistory] = useState<Setting | undefined>();
  const { data, error, isLoading } = useQuery({
    queryKey: ['admin', 'settings'],
    queryFn: () => call(platformApi.settings),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const canEdit = can('settings.manage');
  return (
    <div>
      <Typography.Title level={3}>{t('admin.settings')}</Typography.Title>
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('admin.readOnlyNote')}
        />
      )}
      {isLoading && <Typography.Text>{t('common.loading')}</Typography.Text>}
      {groupSettings(data ?? []).map((g) => (
        <SettingsGroup
          key={g.module}
          module={g.module}
          settings={g.settings}
          canEdit={canEdit}
          onEdit={setEditing}
          onHistory={setHistory}
        />
      ))}
      {editing && <SettingEditDialog setting={editing} onClose={() => setEditing(undefined)} />}
      {history && <SettingHistoryDialog setting={history} onClose={() => setHistory(undefined)} />}
    </div>
  );
}
