/**
 * Import mines from CSV or xlsx: first a check of the whole file with its row-by-row report, then the
 * import, all-or-nothing by default or only the valid rows when chosen.
 */
import { useState } from 'react';
import { Button, Modal, Radio, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { minesApi } from '../../../shared/registry.api.ts';
import { ApiError, call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ImportReport, type ImportReportData } from './ImportReport.tsx';

async function upload(
  file: File,
  mode: 'all' | 'valid-only',
  dryRun: boolean,
): Promise<ImportReportData> {
  const form = new FormData();
  form.append('file', file);
  try {
    return await call(minesApi.import, { query: { mode, dryRun }, body: form });
  } catch (e) {
    // 422: the report travels as the error's details; other errors are about the file as a whole.
    if (e instanceof ApiError && (e.status === 422 || e.status === 400)) {
      const rows = new Set(e.details.map((d) => d.row).filter((r) => r !== undefined));
      return {
        totalRows: 0,
        validRows: 0,
        invalidRows: rows.size,
        written: 0,
        enterprisesCreated: 0,
        dryRun,
        errors: e.details,
      };
    }
    throw e;
  }
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'valid-only'>('all');
  const [report, setReport] = useState<ImportReportData | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file) {
      return;
    }
    setBusy(true);
    try {
      // The check always reports every row (valid-only never refuses), whatever mode is chosen.
      const r = await upload(file, dryRun ? 'valid-only' : mode, dryRun);
      setReport(r);
      if (!dryRun && r.written) {
        await qc.invalidateQueries();
      }
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    setReport(null);
    onClose();
  };
  const canImport = Boolean(
    report &&
    report.validRows > 0 &&
    report.written === 0 &&
    (mode === 'valid-only' || report.invalidRows === 0),
  );
  return (
    <Modal
      open={open}
      title={t('importer.title')}
      onCancel={close}
      width={860}
      footer={
        <Space>
          <Button onClick={close}>{t('common.close')}</Button>
          <Button
            onClick={() => void run(true)}
            disabled={!file}
            loading={busy}
            data-testid="import-validate"
          >
            {t('importer.validate')}
          </Button>
          <Button
            type="primary"
            onClick={() => void run(false)}
            disabled={!canImport}
            loading={busy}
            data-testid="import-run"
          >
            {t('importer.run')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('importer.template')}</Typography.Text>
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />}>{t('importer.chooseFile')}</Button>
        </Upload>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'valid-only')}>
          <Radio value="all">{t('importer.modeAll')}</Radio>
          <Radio value="valid-only">{t('importer.modeValidOnly')}</Radio>
        </Radio.Group>
        {report && <ImportReport report={report} />}
      </Space>
    </Modal>
  );
}
