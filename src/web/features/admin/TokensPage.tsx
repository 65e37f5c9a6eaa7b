/**
 * 网关令牌: the API tokens the caller issued — name, kind, mines by name, when issued and last used,
 * whether revoked — issuing one (its secret shown once) and revoking one.
 */
import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accessApi } from '../../../shared/access.api.ts';
import type { TokenListItemResponse } from '../../../shared/access.schemas.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { reportFormError } from '../../components/formError.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';

/** A token's state: revoked, expired (by `now`) or valid. */
export function tokenState(t: TokenListItemResponse, now: Date): 'revoked' | 'expired' | 'live' {
  if (t.revoked) {
    return 'revoked';
  }
  return t.expiresAt && new Date(t.expiresAt) <= now ? 'expired' : 'live';
}

export function TokensTable(props: {
  tokens: TokenListItemResponse[];
  loading?: boolean;
  now: Date;
  onRevoke: (t: TokenListItemResponse) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const stateTag = {
    live: <Tag color="green">{t('admin.tokenLive')}</Tag>,
    revoked: <Tag>{t('admin.tokenRevoked')}</Tag>,
    expired: <Tag color="orange">{t('admin.tokenExpired')}</Tag>,
  };
  return (
    <Table<TokenListItemResponse>
      data-testid="tokens-table"
      size="small"
      rowKey="id"
      loading={props.loading}
      dataSource={[...props.tokens].reverse()}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 900 }}
      columns={[
        { title: t('admin.tokenName'), dataIndex: 'name' },
        {
          title: t('admin.tokenKind'),
          dataIndex: 'kind',
          render: (k: string) => t(`tokenKinds.${k}`),
        },
        {
          title: t('admin.tokenMines'),
          dataIndex: 'mineNames',
          render: (names: string[]) => (names.length ? names.join('、') : '—'),
        },
        {
          title: t('admin.createdAt'),
          dataIndex: 'createdAt',
          render: (at: string) => formatDateTime(at),
        },
        {
          title: t('admin.lastUsed'),
          dataIndex: 'lastUsedAt',
          render: (at: string | null) => (at ? formatDateTime(at) : t('admin.neverUsed')),
        },
        {
          title: t('admin.expiresAt'),
          dataIndex: 'expiresAt',
          render: (at: string | null) => (at ? formatDateTime(at) : t('admin.noExpiry')),
        },
        {
          title: t('admin.tokenState'),
          render: (_: unknown, tok) => stateTag[tokenState(tok, props.now)],
        },
        {
          title: t('common.actions'),
          render: (_: unknown, tok) =>
            tok.revoked ? null : (
              <Popconfirm
                title={t('admin.confirmRevoke', { name: tok.name })}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={() => props.onRevoke(tok)}
              >
                <Button size="small" danger>
                  {t('admin.revoke')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}

interface IssueValues {
  name: string;
  mineIds: string[];
  expiresAt?: Dayjs;
}

function IssueDialog(props: { onClose: () => void; onIssued: (token: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<IssueValues>();
  const mines = useQuery({
    queryKey: ['admin', 'token-mines'],
    queryFn: () => call(minesApi.list, { query: { limit: 500 } }),
  });
  const submit = async () => {
    let values: IssueValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      const made = await call(accessApi.createToken, {
        body: {
          name: values.name,
          kind: 'gateway',
          mineIds: values.mineIds,
          ...(values.expiresAt ? { expiresAt: values.expiresAt.endOf('day').toISOString() } : {}),
        },
      });
      await qc.invalidateQueries({ queryKey: ['admin', 'tokens'] });
      props.onIssued(made.token);
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <Modal
      open
      title={t('admin.newToken')}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form<IssueValues> form={form} name="token" layout="vertical" data-testid="token-form">
        <Form.Item name="name" label={t('admin.tokenName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="mineIds" label={t('admin.tokenMines')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            loading={mines.isLoading}
            options={(mines.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('admin.expiresAt')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TokensPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  usePageTitle(t('admin.tokens'));
  const [issuing, setIssuing] = useState(false);
  const [secret, setSecret] = useState<string | undefined>();
  const tokens = useQuery({ queryKey: ['admin', 'tokens'], queryFn: () => call(accessApi.tokens) });
  const revoke = useMutation({
    mutationFn: (tok: TokenListItemResponse) =>
      call(accessApi.revokeToken, { params: { id: tok.id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'tokens'] }),
    onError: (e) => void message.error(e.message),
  });
  if (tokens.error) {
    return <QueryError error={tokens.error} />;
  }
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.tokens')}
        </Typography.Title>
        <Button type="primary" onClick={() => setIssuing(true)}>
          {t('admin.newToken')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('admin.ownTokensNote')}</Typography.Paragraph>
      <TokensTable
        tokens={tokens.data ?? []}
        loading={tokens.isLoading}
        now={new Date()}
        onRevoke={(tok) => revoke.mutate(tok)}
      />
      {issuing && (
        <IssueDialog
          onClose={() => setIssuing(false)}
          onIssued={(token) => {
            setIssuing(false);
            setSecret(token);
          }}
        />
      )}
      <Modal
        open={secret !== undefined}
        title={t('admin.tokenCreated')}
        onOk={() => setSecret(undefined)}
        onCancel={() => setSecret(undefined)}
        cancelButtonProps={{ style: { display: 'none' } }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          <Typography.Text code copyable data-testid="token-secret">
            {secret}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Text type="warning">{t('admin.tokenShownOnce')}</Typography.Text>
      </Modal>
    </div>
  );
}
