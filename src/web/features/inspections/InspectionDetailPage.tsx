/**
 * One inspection on site (usable on a tablet): the checklist with a result per item, the summary and
 * recheck date; findings (a major hazard goes into the hazards ledger at once), photos, 责令停产整顿
 * and its 复工复产验收, the recheck, penalties (一案双罚), the documents opened from templates, and
 * the 典型案例 mark. Each action goes through the API, which decides who may take it.
 */
import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { InspectionExams } from '../emergency/InspectionExams.tsx';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import {
  checklistResults,
  DocumentState,
  DocumentTemplate,
  inspectionDocumentTemplates,
  type InspectionDocumentTemplate,
  FindingKind,
  findingKinds,
  PenaltyTarget,
  penaltyTargets,
} from '../../../shared/inspections.enums.ts';
import type {
  ChecklistItemResponse,
  FindingResponse,
} from '../../../shared/inspections.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { AuditHistory } from '../../components/AuditHistory.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { reportFormError } from '../../components/formError.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useCriterionOptions } from '../hazards/pickers.ts';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { BackLink } from '../../components/BackLink.tsx';

type Values = Record<string, unknown>;
type Step = 'finding' | 'suspend' | 'acceptance' | 'recheck' | 'penalty' | null;

/** Dates picked in a form, as the API's YYYY-MM-DD. */
function withDates(values: Values): Values {
  return Object.fromEntries(
    Object.entries(values).map(([k, x]) => [k, dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : x]),
  );
}

export function InspectionDetailPage() {
  const { id = '' } = useParams();
  const { t, v } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>(null);
  const [orderId, setOrderId] = useState<string>('');
  const [dialog] = Form.useForm<Values>();
  const [sheet] = Form.useForm<Values>();
  const [template, setTemplate] = useState<InspectionDocumentTemplate>(
    inspectionDocumentTemplates[0],
  );
  const [penaltyId, setPenaltyId] = useState<string | undefined>();
  const findingKind = Form.useWatch('kind', dialog) as string | undefined;
  const { data, error } = useQuery({
    queryKey: ['inspection', id],
    queryFn: () => call(inspectionsApi.getInspection, { params: { id } }),
  });
  const criteria = useCriterionOptions(data?.mineKind);
  usePageTitle(data ? `${data.mineName} ${data.inspectedOn}` : t('enforcement.title'));
  useEffect(() => {
    if (data) {
      sheet.setFieldsValue({
        checklist: data.checklist,
        summary: data.summary,
        recheckOn: data.recheckOn ? dayjs(data.recheckOn) : null,
      });
    }
  }, [data, sheet]);
  if (error) {
    return <QueryError error={error} />;
  }
  if (!data) {
    return <Skeleton active />;
  }
  const write = can('inspections.write');
  const refresh = () => qc.invalidateQueries();
  const saveSheet = async () => {
    const values = sheet.getFieldsValue() as {
      checklist: ChecklistItemResponse[];
      summary: string;
      recheckOn: Dayjs | null;
    };
    try {
      await call(inspectionsApi.updateInspection, {
        params: { id },
        body: {
          checklist: data.checklist.map((item, i) => ({ ...item, ...values.checklist[i] })),
          summary: values.summary ?? '',
          recheckOn: values.recheckOn ? values.recheckOn.format('YYYY-MM-DD') : null,
          version: data.version,
        },
      });
      await refresh();
      void message.success(t('common.saved'));
    } catch (e) {
      reportFormError(sheet, e, (text) => void message.error(text));
    }
  };
  const newDocument = async () => {
    try {
      const doc = await call(inspectionsApi.createDocument, {
        body: {
          inspectionId: id,
          template,
          ...(template === DocumentTemplate.PenaltyDecision ? { penaltyId } : {}),
        },
      });
      void navigate(`/documents/${doc.id}`);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const uploadPhoto = async (file: string | Blob) => {
    const body = new FormData();
    body.append('file', file);
    try {
      await call(inspectionsApi.addPhoto, { params: { id }, body });
      await refresh();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const toggleTypical = async () => {
    try {
      await call(inspectionsApi.markTypical, {
        params: { id },
        body: {
          typical: !data.typical,
          note: data.typical ? '' : data.summary.slice(0, 2000),
          version: data.version,
        },
      });
      await refresh();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const dialogs: Record<
    Exclude<Step, null>,
    { send: (body: unknown) => Promise<unknown>; title: string; body: React.ReactNode }
  > = {
    finding: {
      send: (body) => call(inspectionsApi.addFinding, { params: { id }, body }),
      title: t('enforcement.addFinding'),
      body: (
        <>
          <Form.Item name="kind" label={t('enforcement.findingKind')} rules={[{ required: true }]}>
            <Select
              options={findingKinds.map((k) => ({ value: k, label: v(k) }))}
              data-testid="finding-kind"
            />
          </Form.Item>
          {findingKind === FindingKind.MajorHazard && (
            <Form.Item
              name="criterionId"
              label={t('enforcement.criterion')}
              rules={[{ required: true }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={criteria.data ?? []}
                data-testid="finding-criterion"
              />
            </Form.Item>
          )}
          <Form.Item
            name="description"
            label={t('enforcement.description')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={3} data-testid="finding-description" />
          </Form.Item>
          <Form.Item name="location" label={t('enforcement.location')} rules={[{ required: true }]}>
            <Input data-testid="finding-location" />
          </Form.Item>
          <Form.Item name="deadline" label={t('enforcement.deadline')}>
            <DatePicker disabledDate={outsideWindow(DateWindows.planned)} />
          </Form.Item>
        </>
      ),
    },
    suspend: {
      send: (body) => call(inspectionsApi.suspendMine, { params: { id }, body }),
      title: t('enforcement.suspend'),
      body: (
        <>
          <Form.Item
            name="effectiveDate"
            label={t('enforcement.effectiveDate')}
            rules={[{ required: true }]}
          >
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
          <Form.Item name="reason" label={t('enforcement.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      ),
    },
    acceptance: {
      send: (body) => call(inspectionsApi.decideResumption, { params: { id: orderId }, body }),
      title: t('enforcement.acceptance'),
      body: (
        <>
          <Form.Item
            name="acceptedOn"
            label={t('enforcement.acceptedOn')}
            rules={[{ required: true }]}
          >
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
          <Form.Item name="passed" label={t('enforcement.acceptance')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: t('enforcement.passed') },
                { value: false, label: t('enforcement.failed') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('enforcement.acceptanceNote')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      ),
    },
    recheck: {
      send: (body) => call(inspectionsApi.recordRecheck, { params: { id }, body }),
      title: t('enforcement.recheck'),
      body: (
        <>
          <Form.Item
            name="recheckedOn"
            label={t('enforcement.recheckedOn')}
            rules={[{ required: true }]}
          >
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
          <Form.Item
            name="result"
            label={t('enforcement.recheckResult')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      ),
    },
    penalty: {
      send: (body) => call(inspectionsApi.decidePenalty, { body }),
      title: t('enforcement.decidePenalty'),
      body: (
        <>
          <Form.Item name="target" label={t('enforcement.target')} rules={[{ required: true }]}>
            <Select options={penaltyTargets.map((x) => ({ value: x, label: v(x) }))} />
          </Form.Item>
          <Form.Item
            name="partyName"
            label={t('enforcement.partyName')}
            rules={[{ required: true }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label={t('enforcement.legalBasis')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="facts" label={t('enforcement.facts')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="amountYuan" label={t('enforcement.amount')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="decidedOn"
            label={t('enforcement.decidedOn')}
            rules={[{ required: true }]}
          >
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
        </>
      ),
    },
  };
  const open = step ? dialogs[step] : null;
  return (
    <div className="tablet-form">
      <BackLink to="/inspections" label={t('nav.inspections')} />
      <div className="page-header">
        <h1>
          {data.mineName} · {v(data.kind)} ·{' '}
          {data.announcedReason === null
            ? v('四不两直')
            : `${v('事先告知')} (${v(data.announcedReason)}${data.announcedNote ? `: ${data.announcedNote}` : ''})`}{' '}
          · {data.inspectedOn}
        </h1>
        <Space wrap>
          {data.typical && <Tag color="gold">{t('enforcement.typical')}</Tag>}
          {write && (
            <Button onClick={() => void toggleTypical()}>
              {data.typical ? t('enforcement.unmarkTypical') : t('enforcement.markTypical')}
            </Button>
          )}
        </Space>
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('enforcement.mine')}>
          <Link to={`/mines/${data.mineId}`}>{data.mineName}</Link> ({v(data.mineKind)},{' '}
          {v(data.mineStatus)})
        </Descriptions.Item>
        <Descriptions.Item label={t('enforcement.enterprise')}>
          {data.enterpriseName}
        </Descriptions.Item>
        <Descriptions.Item label={t('enforcement.team')}>
          {data.team.map((m) => m.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('enforcement.bodyCamera')}>
          {data.bodyCameraRef ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enforcement.recheckOn')}>
          {data.recheckOn ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enforcement.recheckedOn')}>
          {data.recheckedOn ? `${data.recheckedOn}: ${data.recheckResult ?? ''}` : '—'}
        </Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('enforcement.checklist')} style={{ marginBottom: 16 }}>
        <Form form={sheet} layout="vertical" size="large" disabled={!write}>
          <Form.List name="checklist">
            {(fields) =>
              fields.map((f) => (
                <div key={f.key} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
                  <div>{data.checklist[f.name]?.text}</div>
                  <Space wrap>
                    <Form.Item name={[f.name, 'result']} style={{ marginBottom: 0 }}>
                      <Radio.Group
                        optionType="button"
                        options={checklistResults.map((r) => ({ value: r, label: v(r) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('enforcement.note')} style={{ width: 320 }} />
                    </Form.Item>
                  </Space>
                </div>
              ))
            }
          </Form.List>
          <Form.Item name="summary" label={t('enforcement.summary')} style={{ marginTop: 12 }}>
            <Input.TextArea rows={3} data-testid="inspection-summary" />
          </Form.Item>
          <Form.Item name="recheckOn" label={t('enforcement.recheckOn')}>
            <DatePicker disabledDate={outsideWindow(DateWindows.planned)} />
          </Form.Item>
          {write && (
            <Button type="primary" onClick={() => void saveSheet()} data-testid="save-checklist">
              {t('enforcement.saveChecklist')}
            </Button>
          )}
        </Form>
      </Card>

      <Card
        size="small"
        title={t('enforcement.findings')}
        style={{ marginBottom: 16 }}
        extra={
          write && (
            <Space wrap>
              <Button onClick={() => setStep('finding')} data-testid="add-finding">
                {t('enforcement.addFinding')}
              </Button>
              <Button onClick={() => setStep('recheck')}>{t('enforcement.recheck')}</Button>
              {can('registry.mine.status') && (
                <Button danger onClick={() => setStep('suspend')}>
                  {t('enforcement.suspend')}
                </Button>
              )}
            </Space>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={data.findings}
          pagination={false}
          data-testid="findings"
          columns={[
            { title: t('enforcement.findingKind'), dataIndex: 'kind', render: (k: string) => v(k) },
            { title: t('enforcement.criterion'), dataIndex: 'criterionCode' },
            { title: t('enforcement.description'), dataIndex: 'description' },
            { title: t('enforcement.location'), dataIndex: 'location' },
            { title: t('enforcement.deadline'), dataIndex: 'deadline' },
            {
              title: t('enforcement.hazardLink'),
              dataIndex: 'hazardId',
              render: (h: string | null, f: FindingResponse) =>
                h && <Link to={`/hazards/${h}`}>{v(f.hazardState)}</Link>,
            },
          ]}
        />
        {data.orders.length > 0 && (
          <List
            header={t('enforcement.orders')}
            dataSource={data.orders}
            renderItem={(o) => (
              <List.Item
                actions={
                  o.acceptancePassed || !can('registry.mine.status')
                    ? []
                    : [
                        <Button
                          key="a"
                          size="small"
                          onClick={() => {
                            setOrderId(o.id);
                            setStep('acceptance');
                          }}
                        >
                          {t('enforcement.acceptance')}
                        </Button>,
                      ]
                }
              >
                {v(o.kind)} {o.orderedOn}: {o.reason}
                {o.acceptedOn &&
                  ` · ${t('enforcement.acceptance')} ${o.acceptedOn} ${o.acceptancePassed ? t('enforcement.passed') : t('enforcement.failed')}`}
              </List.Item>
            )}
          />
        )}
      </Card>

      <InspectionExams inspectionId={id} />

      <Card size="small" title={t('enforcement.photos')} style={{ marginBottom: 16 }}>
        <Space wrap>
          {data.photos.map((p) => (
            <a
              key={p.id}
              href={`/api/inspections/${id}/photos/${p.id}`}
              target="_blank"
              rel="noreferrer"
            >
              <img
                src={`/api/inspections/${id}/photos/${p.id}`}
                alt={p.fileName}
                style={{ height: 96 }}
              />
            </a>
          ))}
          {write && (
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              customRequest={({ file }) => void uploadPhoto(file)}
            >
              <Button icon={<UploadOutlined />}>{t('enforcement.uploadPhoto')}</Button>
            </Upload>
          )}
        </Space>
      </Card>

      <Card
        size="small"
        title={t('enforcement.penalties')}
        style={{ marginBottom: 16 }}
        extra={
          can('inspections.penalty') && (
            <Button onClick={() => setStep('penalty')}>{t('enforcement.decidePenalty')}</Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={data.penalties}
          pagination={false}
          columns={[
            { title: t('enforcement.target'), dataIndex: 'target', render: (x: string) => v(x) },
            { title: t('enforcement.partyName'), dataIndex: 'partyName' },
            {
              title: t('enforcement.amount'),
              dataIndex: 'amountYuan',
              render: (n: number) => n.toLocaleString(),
            },
            { title: t('enforcement.status'), dataIndex: 'status', render: (s: string) => v(s) },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t('enforcement.documents')}
        style={{ marginBottom: 16 }}
        extra={
          write && (
            <Space wrap>
              <Select
                style={{ width: 200 }}
                value={template}
                onChange={setTemplate}
                options={inspectionDocumentTemplates.map((x) => ({ value: x, label: v(x) }))}
                data-testid="document-template"
              />
              {template === DocumentTemplate.PenaltyDecision && (
                <Select
                  style={{ width: 200 }}
                  value={penaltyId}
                  onChange={setPenaltyId}
                  options={data.penalties.map((p) => ({
                    value: p.id,
                    label: `${v(p.target)} ${p.partyName}`,
                  }))}
                />
              )}
              <Button onClick={() => void newDocument()} data-testid="new-document">
                {t('enforcement.newDocument')}
              </Button>
            </Space>
          )
        }
      >
        <List
          dataSource={data.documents}
          renderItem={(d) => (
            <List.Item>
              <Link to={`/documents/${d.id}`}>
                {v(d.template)} {d.number}
              </Link>
              <Tag color={d.state === DocumentState.Issued ? 'green' : 'default'}>{v(d.state)}</Tag>
            </List.Item>
          )}
        />
      </Card>

      <AuditHistory entityType="inspection" entityId={id} />

      <StepDialog
        form={dialog}
        send={open ? open.send : null}
        title={open?.title ?? ''}
        initialValues={
          step === 'penalty'
            ? {
                decidedOn: dayjs(),
                partyName: data.enterpriseName,
                target: PenaltyTarget.Enterprise,
              }
            : { effectiveDate: dayjs(), acceptedOn: dayjs(), recheckedOn: dayjs() }
        }
        toBody={(values) =>
          step === 'penalty' ? { ...withDates(values), inspectionId: id } : withDates(values)
        }
        onClose={() => setStep(null)}
      >
        {open?.body}
      </StepDialog>
    </div>
  );
}
