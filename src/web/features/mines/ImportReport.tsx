import { Alert, Table } from 'antd';
import type { MineImportReport } from '../../../shared/registry.schemas.ts';
import type { ApiErrorDetail } from '../../app/api.ts';
import { displayValue } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';

/** What the import API answers (or the details of its 422). */
export type ImportReportData = MineImportReport;

/** The row-by-row report of an import: totals, then every bad row and field. */
export function ImportReport({ report }: { report: ImportReportData }) {
  const { t } = useI18n();
  const summary = t('importer.summary', {
    total: report.totalRows,
    valid: report.validRows,
    invalid: report.invalidRows,
  });
  return (
    <div data-testid="import-report">
      <Alert
        type={report.invalidRows ? 'warning' : 'success'}
        showIcon
        message={summary}
        description={
          report.written
            ? t('importer.written', {
                written: report.written,
                enterprises: report.enterprisesCreated,
              })
            : t('importer.nothingWritten')
        }
        style={{ marginBottom: 12 }}
      />
      {report.errors.length > 0 && (
        <Table<ApiErrorDetail>
          size="small"
          rowKey={(e) => `${e.row ?? 0}-${e.path}-${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 8 }}
          columns={[
            { title: t('importer.row'), dataIndex: 'row', width: 70 },
            { title: t('importer.column'), dataIndex: 'path', width: 160 },
            { title: t('importer.problem'), dataIndex: 'message' },
            {
              title: t('importer.value'),
              dataIndex: 'value',
              render: (v: unknown) => displayValue(v),
            },
          ]}
        />
      )}
    </div>
  );
}
