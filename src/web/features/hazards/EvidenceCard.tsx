/**
 * A hazard's evidence files: the list (each opens from the API, which checks the jurisdiction) and an
 * upload with its purpose. The API decides the type, size and who may upload.
 */
import { useRef, useState } from 'react';
import { App, Button, Card, List, Select, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { evidencePurposes, type EvidencePurpose } from '../../../shared/hazard.enums.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { call, type ResponseOf } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

type Detail = ResponseOf<typeof hazardsApi.get>;

const purposeByState: Record<string, EvidencePurpose> = {
  已上报: '发现证据',
  治理中: '整改证据',
  待验收: '验收证据',
};

export function EvidenceCard({ hazard, canUpload }: { hazard: Detail; canUpload: boolean }) {
  const { t, v, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [purpose, setPurpose] = useState(purposeByState[hazard.state] ?? '发现证据');
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    setBusy(true);
    try {
      await call(hazardsApi.addAttachment, { params: { id: hazard.id }, query: { purpose }, body });
      await qc.invalidateQueries({ queryKey: ['hazard', hazard.id] });
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const open = hazard.state !== '已销号';
  return (
    <Card
      size="small"
      title={t('hazard.evidence')}
      style={{ marginBottom: 16 }}
      extra={
        canUpload &&
        open && (
          <Space>
            <Select
              size="small"
              value={purpose}
              onChange={setPurpose}
              aria-label={t('hazard.purpose')}
              options={evidencePurposes.map((p) => ({ value: p, label: v(p) }))}
            />
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={busy}
              onClick={() => input.current?.click()}
            >
              {t('hazard.upload')}
            </Button>
            <input
              ref={input}
              type="file"
              hidden
              accept="image/jpeg,image/png,image/webp,application/pdf,video/mp4"
              data-testid="evidence-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) {
                  void upload(file);
                }
              }}
            />
          </Space>
        )
      }
    >
      <List
        size="small"
        data-testid="evidence-list"
        locale={{ emptyText: t('hazard.noEvidence') }}
        dataSource={hazard.attachments}
        renderItem={(a) => (
          <List.Item>
            <Space wrap>
              <a
                href={`/api/hazards/${hazard.id}/attachments/${a.id}`}
                target="_blank"
                rel="noreferrer"
              >
                {a.fileName}
              </a>
              <span>{v(a.purpose)}</span>
              <span>{(a.sizeBytes / 1024).toFixed(1)} KB</span>
              <span>
                {a.uploadedBy} · {formatDateTime(a.uploadedAt)}
              </span>
              <Typography.Text type="secondary" copyable={{ text: a.sha256 }}>
                SHA-256 {a.sha256.slice(0, 16)}…
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {canUpload && open && (
        <Typography.Text type="secondary">{t('hazard.evidenceHint')}</Typography.Text>
      )}
    </Card>
  );
}
