/**
 * An enforcement document: its fields (editable until someone signs), 智能提醒 (missing fields,
 * unsigned inspectors, coming deadlines), the revision history with a diff between any two revisions,
 * the team's signatures on the head revision (谁检查、谁签名、谁负责), and the PDF.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  List,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { DocumentState } from '../../../shared/inspections.enums.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { reportFormError } from '../../components/formError.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { BackLink } from '../../components/BackLink.tsx';

export function DocumentPage() {
  const { id = '' } = useParams();
  const { t, v, formatDateTime } = useI18n();
  const { me, can } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [range, setRange] = useState<[number, number] | null>(null);
  const { data, error } = useQuery({
    queryKey: ['document', id],
    queryFn: () => call(inspectionsApi.getDocument, { params: { id } }),
  });
  usePageTitle(data ? `${data.template} ${data.number}` : t('enforcement.documents'));
  const diff = useQuery({
    queryKey: ['document-diff', id, range],
    enabled: Boolean(range),
    queryFn: () =>
      call(inspectionsApi.documentDiff, {
        params: { id },
        query: { from: range?.[0], to: range?.[1] },
      }),
  });
  useEffect(() => {
    if (data) {
      form.setFieldsValue(data.fields);
      if (data.headSeq > 1) {
        setRange((r) => r ?? [data.headSeq - 1, data.headSeq]);
      }
    }
  }, [data, form]);
  if (error) {
    return <QueryError error={error} />;
  }
  if (!data) {
    return <Skeleton active />;
  }
  const editable = can('inspections.write') && !data.locked;
  const mine = data.team.find((m) => m.userId === me?.id);
  const save = async () => {
    try {
      await call(inspectionsApi.reviseDocument, {
        params: { id },
        body: { fields: form.getFieldsValue(), baseSeq: data.headSeq },
      });
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  const sign = async () => {
    try {
      await call(inspectionsApi.signDocument, { params: { id }, body: { seq: data.headSeq } });
      await qc.invalidateQueries();
      void message.success(t('enforcement.signed'));
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  const seqs = data.revisions.map((r) => ({
    value: r.seq,
    label: `${t('enforcement.revision')} ${r.seq}`,
  }));
  return (
    <div className="tablet-form">
      <BackLink
        to={
          data.hazardId
            ? `/hazards/${data.hazardId}`
            : can('inspections.read')
              ? `/inspections/${data.inspectionId}`
              : '/received-documents'
        }
        label={
          data.hazardId
            ? t('nav.hazards')
            : can('inspections.read')
              ? t('enforcement.inspection')
              : t('nav.receivedDocuments')
        }
      />
      <div className="page-header">
        <h1>
          {v(data.template)}{' '}
          <Tag color={data.state === DocumentState.Issued ? 'green' : 'default'}>
            {v(data.state)}
          </Tag>
        </h1>
        <Space wrap>
          {data.inspectionId && (
            <Link to={`/inspections/${data.inspectionId}`}>{t('enforcement.tabRecords')}</Link>
          )}
          <Button
            icon={<FilePdfOutlined />}
            href={`/api/documents/${id}/pdf`}
            data-testid="document-pdf"
          >
            {t('enforcement.downloadPdf')}
          </Button>
        </Space>
      </div>
      <p>
        {data.unitName} · {t('enforcement.number')}{' '}
        <strong data-testid="document-number">{data.number}</strong>
      </p>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={`${t('enforcement.revision')} ${data.headSeq}`}>
            {data.locked && (
              <Alert type="info" title={t('enforcement.locked')} style={{ marginBottom: 12 }} />
            )}
            <Form form={form} layout="vertical" size="large" disabled={!editable}>
              {data.templateFields.map((f) => (
                <Form.Item key={f.key} name={f.key} label={f.label} required={f.required}>
                  {f.multiline ? (
                    <Input.TextArea rows={4} data-testid={`field-${f.key}`} />
                  ) : (
                    <Input data-testid={`field-${f.key}`} />
                  )}
                </Form.Item>
              ))}
              {editable && (
                <Button onClick={() => void save()} data-testid="save-revision">
                  {t('enforcement.saveRevision')}
                </Button>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('enforcement.reminders')} style={{ marginBottom: 12 }}>
            {data.reminders.length === 0 ? (
              t('enforcement.noReminders')
            ) : (
              <List
                size="small"
                dataSource={data.reminders}
                data-testid="reminders"
                renderItem={(r) => (
                  <List.Item>
                    <Tag color={r.kind === 'overdue' || r.kind === 'missing' ? 'red' : 'orange'}>
                      {t(`enforcement.reminder_${r.kind}` as 'enforcement.reminder_missing')}
                    </Tag>
                    {r.message}
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('enforcement.signatures')} style={{ marginBottom: 12 }}>
            <List
              size="small"
              dataSource={data.team}
              renderItem={(m) => {
                const s = data.signatures.find((x) => x.userId === m.userId);
                return (
                  <List.Item>
                    {m.name}{' '}
                    {s ? (
                      <Tag color="green">
                        {t('enforcement.signed')} {formatDateTime(s.signedAt)} #{s.hash.slice(0, 8)}
                      </Tag>
                    ) : (
                      <Tag>{t('enforcement.unsigned')}</Tag>
                    )}
                  </List.Item>
                );
              }}
            />
            {mine && !mine.signed && can('inspections.write') && (
              <Button type="primary" onClick={() => void sign()} data-testid="sign-document">
                {t('enforcement.sign', { seq: data.headSeq })}
              </Button>
            )}
          </Card>
          <Card size="small" title={t('enforcement.revisions')}>
            <Table
              size="small"
              rowKey="seq"
              pagination={false}
              dataSource={data.revisions}
              columns={[
                { title: t('enforcement.revision'), dataIndex: 'seq', width: 60 },
                { title: t('enforcement.author'), dataIndex: 'authorLabel' },
                { title: '', dataIndex: 'createdAt', render: (x: string) => formatDateTime(x) },
                {
                  title: t('enforcement.hash'),
                  dataIndex: 'hash',
                  render: (h: string) => <code>{h.slice(0, 10)}</code>,
                },
              ]}
            />
            {data.revisions.length > 1 && (
              <div style={{ marginTop: 12 }}>
                <Space wrap>
                  {t('enforcement.diff')}
                  <Select
                    style={{ width: 110 }}
                    value={range?.[0]}
                    options={seqs}
                    onChange={(n: number) => setRange([n, range?.[1] ?? data.headSeq])}
                    aria-label={t('enforcement.from')}
                  />
                  <Select
                    style={{ width: 110 }}
                    value={range?.[1]}
                    options={seqs}
                    onChange={(n: number) => setRange([range?.[0] ?? 1, n])}
                    aria-label={t('enforcement.to')}
                  />
                </Space>
                {diff.data &&
                  (diff.data.changes.length === 0 ? (
                    <p>{t('enforcement.noChanges')}</p>
                  ) : (
                    <Table
                      size="small"
                      rowKey="key"
                      pagination={false}
                      style={{ marginTop: 8 }}
                      data-testid="revision-diff"
                      dataSource={diff.data.changes}
                      columns={[
                        { title: '', dataIndex: 'label' },
                        {
                          title: t('enforcement.before'),
                          dataIndex: 'before',
                          render: (x: string) => <del style={{ color: '#cf1322' }}>{x}</del>,
                        },
                        {
                          title: t('enforcement.after'),
                          dataIndex: 'after',
                          render: (x: string) => <ins style={{ color: '#389e0d' }}>{x}</ins>,
                        },
                      ]}
                    />
                  ))}
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
