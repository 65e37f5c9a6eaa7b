/**
 * A task's progress (shown when its row is expanded): who reported what and when, the evidence files of
 * each (opened from the API, which checks the jurisdiction), and an upload for the progress of the
 * caller's own unit. The API decides the type, size and who may upload.
 */
import { useRef, useState } from 'react';
import { App, Button, List, Space, Typography } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryEmpty } from '../../components/QueryEmpty.tsx';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';

export function TaskProgress({ taskId }: { taskId: string }) {
  const { t, formatDateTime } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ['work-task', taskId],
    queryFn: () => call(actionPlansApi.getTask, { params: { id: taskId } }),
  });
  const upload = async (progressId: string, file: File) => {
    const body = new FormData();
    body.append('file', file);
    try {
      await call(actionPlansApi.addProgressFile, { params: { id: taskId, progressId }, body });
      await qc.invalidateQueries({ queryKey: ['work-task', taskId] });
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept="image/jpeg,image/png,image/webp,application/pdf"
        data-testid="task-evidence-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file && target) {
            void upload(target, file);
          }
        }}
      />
      <List
        size="small"
        loading={isLoading}
        header={t('plans.progressLog')}
        dataSource={[...(data?.progress ?? [])].reverse()}
        locale={{ emptyText: <QueryEmpty error={error} /> }}
        data-testid="task-reports"
        renderItem={(r) => (
          <List.Item
            extra={
              can('plans.progress') && r.organisationId === me?.organisationId ? (
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  onClick={() => {
                    setTarget(r.id);
                    input.current?.click();
                  }}
                >
                  {t('plans.upload')}
                </Button>
              ) : null
            }
          >
            <Space direction="vertical" size={2}>
              <span>
                {r.percent}% · {r.text}
              </span>
              <Typography.Text type="secondary">
                {r.unitName} · {r.reportedLabel} · {formatDateTime(r.reportedAt)}
              </Typography.Text>
              {r.files.length > 0 && (
                <Space wrap>
                  {t('plans.evidence')}:
                  {r.files.map((f) => (
                    <a
                      key={f.id}
                      href={`/api/work-tasks/${taskId}/files/${f.id}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      <PaperClipOutlined /> {f.fileName}
                    </a>
                  ))}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
