/**
 * The enterprise's copies of the enforcement documents issued to its mines (已签发 only): the
 * 现场检查记录, 责令限期整改指令书 and the rest, each as its PDF.
 */
import { Button, Table } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ReceivedDocumentResponse as Received } from '../../../shared/inspection-documents.schemas.ts';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';

export function ReceivedDocumentsPage() {
  const { t, v } = useI18n();
  usePageTitle(t('nav.receivedDocuments'));
  const { data, error, isLoading } = useQuery({
    queryKey: ['received-documents'],
    queryFn: () => call(inspectionsApi.receivedDocuments),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.receivedDocuments')}</h1>
      </div>
      <Table<Received>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="received-documents"
        columns={[
          { title: t('enforcement.documentDate'), dataIndex: 'inspectedOn', width: 120 },
          {
            title: t('enforcement.mine'),
            dataIndex: 'mineName',
            render: (n: string, d) => <Link to={`/mines/${d.mineId}`}>{n}</Link>,
          },
          { title: t('enforcement.template'), dataIndex: 'template', render: (x: string) => v(x) },
          { title: t('enforcement.number'), dataIndex: 'number' },
          {
            title: '',
            key: 'pdf',
            render: (_: unknown, d) => (
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                href={`/api/received-documents/${d.id}/pdf`}
              >
                {t('enforcement.downloadPdf')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
