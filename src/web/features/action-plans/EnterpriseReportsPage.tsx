/**
 * 企业报送 (issue 25 §7; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)): per due date of the plan,
 * who filed on time, late or not at all (the regulator's view); an enterprise files its own report
 * with an optional file.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import type {
  EnterpriseReportBoardResponse,
  EnterpriseReportStatus,
} from '../../../shared/enterprise-reports.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';

type Due = EnterpriseReportBoardResponse['dues'][number];
type Row = Due['rows'][number];

const statusColor: Record<EnterpriseReportStatus, string> = {
  按时报送: 'green',
  逾期报送: 'orange',
  未报送: 'red',
  待报送: 'default',
};

export function EnterpriseReportsPage() {
  const { t, v } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  usePageTitle(t('enterpriseReports.title'));
  const [filing, setFiling] = useState<Due | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm<{ text: string }>();
  const board = useQuery({
    queryKey: ['enterprise-reports'],
    queryFn: () => call(actionPlansApi.enterpriseReports, {}),
  });
  if (board.error) {
    return <QueryError error={board.error} />;
  }
  const submit = async ({ text }: { text: string }) => {
    if (!filing) {
      return;
    }
    const report = await call(actionPlansApi.fileEnterpriseReport, {
      body: { dueOn: filing.dueOn, text },
    });
    const file = files[0]?.originFileObj;
    if (file) {
      const body = new FormData();
      body.append('file', file);
      await call(actionPlansApi.addEnterpriseReportFile, { params: { id: report.id }, body });
    }
    setFiling(null);
    setFiles([]);
    form.resetFields();
    void message.success(t('common.saved'));
    await qc.invalidateQueries({ queryKey: ['enterprise-reports'] });
  };
  const columns = (due: Due) => [
    { title: t('enterpriseReports.enterprise'), dataIndex: 'enterpriseName' },
    {
      title: t('enterpriseReports.status'),
      dataIndex: 'status',
      render: (s: EnterpriseReportStatus) => <Tag color={statusColor[s]}>{v(s)}</Tag>,
    },
    {
      title: t('enterpriseReports.filedOn'),
      render: (_: unknown, r: Row) => r.report?.filedOn ?? '—',
    },
    {
      title: t('enterpriseReports.text'),
      render: (_: unknown, r: Row) => (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
          {r.report?.text ?? ''}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('enterpriseReports.file'),
      render: (_: unknown, r: Row) =>
        r.report?.file ? (
          <a href={`/api/enterprise-reports/${r.report.id}/file`}>{r.report.file.fileName}</a>
        ) : can('plans.file_report') && !r.report ? (
          <Button
            size="small"
            type="primary"
            onClick={() => setFiling(due)}
            data-testid="report-file"
          >
            {t('enterpriseReports.fileAction')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div>
      <Typography.Title level={3}>{t('enterpriseReports.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{board.data?.source}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {(board.data?.dues ?? []).map((due) => (
          <Card
            key={due.dueOn}
            data-testid={`due-${due.dueOn}`}
            size="small"
            title={`${due.title} · ${t('enterpriseReports.dueOn')} ${due.dueOn}`}
            extra={
              <Space size={4}>
                <Tag color="green">{`${v('按时报送')} ${due.counts.onTime}`}</Tag>
                <Tag color="orange">{`${v('逾期报送')} ${due.counts.late}`}</Tag>
                <Tag color="red">{`${v('未报送')} ${due.counts.missing}`}</Tag>
                <Tag>{`${v('待报送')} ${due.counts.pending}`}</Tag>
              </Space>
            }
          >
            <Table
              rowKey="enterpriseId"
              size="small"
              pagination={false}
              loading={board.isLoading}
              dataSource={due.rows}
              columns={columns(due)}
            />
          </Card>
        ))}
      </Space>
      <Modal
        open={filing !== null}
        title={filing ? `${t('enterpriseReports.fileAction')}: ${filing.title}` : ''}
        okText={t('common.save')}
        onOk={() => form.submit()}
        onCancel={() => setFiling(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(x) =>
            void submit(x).catch(
              (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)),
            )
          }
        >
          <Form.Item
            name="text"
            label={t('enterpriseReports.text')}
            rules={[
              { required: true, whitespace: true, message: t('enterpriseReports.textRequired') },
            ]}
          >
            <Input.TextArea rows={6} maxLength={5000} showCount data-testid="report-text" />
          </Form.Item>
          <Form.Item label={t('enterpriseReports.file')}>
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,.webp"
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={(info) => setFiles(info.fileList)}
            >
              <Button icon={<UploadOutlined />}>{t('enterpriseReports.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
