/**
 * The shell: module menu, the user's organisation and role, the region selector, the notification
 * bell (and desktop alerts of calls), language switch.
 */
import { useState } from 'react';
import { Layout, Menu, Select, Space, Typography, Button, Tag } from 'antd';
import {
  AlertOutlined,
  MedicineBoxOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  PauseCircleOutlined,
  FlagOutlined,
  FireOutlined,
  NotificationOutlined,
  LogoutOutlined,
  NodeIndexOutlined,
  WarningOutlined,
  BarChartOutlined,
  ScheduleOutlined,
  ClusterOutlined,
  CloudUploadOutlined,
  SettingOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type Locale } from '../app/i18n.tsx';
import { RegionSelector } from '../app/region.tsx';
import { useSession } from '../app/session.tsx';
import { CallAlerts } from '../features/notifications/CallAlerts.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';

const { Header, Sider, Content } = Layout;

/** 系统管理, for the roles that administer users, gateway tokens or the rule settings. */
function adminMenu(can: (p: string) => boolean, t: ReturnType<typeof useI18n>['t']) {
  if (
    !can('access.user.manage') &&
    !can('access.gateway_token.manage') &&
    !can('settings.manage')
  ) {
    return [];
  }
  const entries: [string, string, string][] = [
    ['/admin/users', 'access.user.manage', t('admin.users')],
    ['/admin/tokens', 'access.gateway_token.manage', t('admin.tokens')],
    ['/admin/settings', 'settings.read', t('admin.settings')],
  ];
  return [
    {
      key: '/admin',
      icon: <SettingOutlined />,
      label: t('nav.admin'),
      children: entries
        .filter(([, permission]) => can(permission))
        .map(([path, , label]) => ({ key: path, label: <Link to={path}>{label}</Link> })),
    },
  ];
}

export function AppLayout() {
  const { t, locale } = useI18n();
  const { me, logout, setLocale, can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const dutyOfficer = me?.role === 'mine_duty_officer';
  const section =
    [
      '/hazards/analysis',
      '/monitoring/facilities',
      '/admin/users',
      '/admin/tokens',
      '/admin/settings',
    ].find((p) => location.pathname.startsWith(p)) ??
    (location.pathname.startsWith('/alarms')
      ? '/monitoring'
      : location.pathname.endsWith('/comparison')
        ? '/leads'
        : location.pathname.startsWith('/documents')
          ? '/inspections'
          : `/${location.pathname.split('/')[1] ?? ''}`);
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.dashboard')}</Link> },
    {
      key: '/mines',
      icon: <EnvironmentOutlined />,
      label: <Link to="/mines">{t('nav.mines')}</Link>,
    },
    // A mine's duty officer works one mine: the registers of enterprises and regions and the region's
    // hazard analysis are not for that role.
    ...(dutyOfficer
      ? []
      : [
          {
            key: '/enterprises',
            icon: <BankOutlined />,
            label: <Link to="/enterprises">{t('nav.enterprises')}</Link>,
          },
          {
            key: '/regions',
            icon: <NodeIndexOutlined />,
            label: <Link to="/regions">{t('nav.regions')}</Link>,
          },
        ]),
    {
      key: '/hazards',
      icon: <WarningOutlined />,
      label: <Link to="/hazards">{t('nav.hazards')}</Link>,
    },
    ...(dutyOfficer
      ? []
      : [
          {
            key: '/hazards/analysis',
            icon: <BarChartOutlined />,
            label: <Link to="/hazards/analysis">{t('nav.hazardAnalysis')}</Link>,
          },
        ]),
    {
      key: '/self-inspection',
      icon: <ScheduleOutlined />,
      label: <Link to="/self-inspection">{t('nav.selfInspection')}</Link>,
    },
    {
      key: '/monitoring',
      icon: <AlertOutlined />,
      label: <Link to="/monitoring">{t('nav.monitoring')}</Link>,
    },
    {
      key: '/monitoring/facilities',
      icon: <ClusterOutlined />,
      label: <Link to="/monitoring/facilities">{t('nav.facilities')}</Link>,
    },
    ...(can('coal_upload.read')
      ? [
          {
            key: '/coal-feeds',
            icon: <CloudUploadOutlined />,
            label: <Link to="/coal-feeds">{t('nav.coalFeeds')}</Link>,
          },
        ]
      : []),
    ...(can('leads.read')
      ? [
          {
            key: '/leads',
            icon: <FileSearchOutlined />,
            label: <Link to="/leads">{t('nav.leads')}</Link>,
          },
        ]
      : []),
    ...(can('warnings.read')
      ? [
          {
            key: '/warnings',
            icon: <ThunderboltOutlined />,
            label: <Link to="/warnings">{t('nav.warnings')}</Link>,
          },
        ]
      : []),
    ...(can('stopped.read')
      ? [
          {
            key: '/stopped',
            icon: <PauseCircleOutlined />,
            label: <Link to="/stopped">{t('nav.stopped')}</Link>,
          },
        ]
      : []),
    ...(can('inspections.read')
      ? [
          {
            key: '/inspections',
            icon: <AuditOutlined />,
            label: <Link to="/inspections">{t('nav.inspections')}</Link>,
          },
        ]
      : []),
    ...(can('inspections.receive')
      ? [
          {
            key: '/received-documents',
            icon: <AuditOutlined />,
            label: <Link to="/received-documents">{t('nav.receivedDocuments')}</Link>,
          },
        ]
      : []),
    ...(can('accidents.read')
      ? [
          {
            key: '/accidents',
            icon: <FireOutlined />,
            label: <Link to="/accidents">{t('nav.accidents')}</Link>,
          },
        ]
      : []),
    ...(can('surveys.read')
      ? [
          {
            key: '/surveys',
            icon: <FileSearchOutlined />,
            label: <Link to="/surveys">{t('nav.surveys')}</Link>,
          },
        ]
      : []),
    ...(can('pitsPonds.read')
      ? [
          {
            key: '/pits-ponds',
            icon: <FileSearchOutlined />,
            label: <Link to="/pits-ponds">{t('nav.pitsPonds')}</Link>,
          },
        ]
      : []),
    ...(can('emergency.read')
      ? [
          {
            key: '/emergency',
            icon: <MedicineBoxOutlined />,
            label: <Link to="/emergency">{t('nav.emergency')}</Link>,
          },
        ]
      : []),
    ...(can('duty.read')
      ? [
          {
            key: '/duty',
            icon: <FileSearchOutlined />,
            label: <Link to="/duty">{t('nav.duty')}</Link>,
          },
        ]
      : []),
    ...(can('admission.read')
      ? [
          {
            key: '/admission',
            icon: <AuditOutlined />,
            label: <Link to="/admission">{t('nav.admission')}</Link>,
          },
        ]
      : []),
    ...(can('public_reports.read')
      ? [
          {
            key: '/public-reports',
            icon: <NotificationOutlined />,
            label: <Link to="/public-reports">{t('nav.publicReports')}</Link>,
          },
        ]
      : []),
    ...(can('plans.enterprise_reports')
      ? [
          {
            key: '/enterprise-reports',
            icon: <FlagOutlined />,
            label: <Link to="/enterprise-reports">{t('nav.enterpriseReports')}</Link>,
          },
        ]
      : []),
    ...(can('plans.read')
      ? [
          {
            key: '/plans',
            icon: <FlagOutlined />,
            label: <Link to="/plans">{t('nav.plans')}</Link>,
          },
        ]
      : []),
    ...adminMenu(can, t),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        // English names are longer (Monthly self-inspection, Enforcement documents): room for them whole.
        width={locale === 'en-US' ? 248 : 200}
      >
        <div className="brand">{collapsed ? 'MW' : 'minewatch'}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[section]}
          defaultOpenKeys={section.startsWith('/admin') ? ['/admin'] : []}
          items={items}
          aria-label="modules"
        />
      </Sider>
      <Layout>
        <Header className="app-header">
          <RegionSelector />
          <Space size="middle" wrap>
            <NotificationBell />
            <span data-testid="whoami">
              <Typography.Text strong>{me?.displayName}</Typography.Text>{' '}
              <Tag>{me ? t(`roles.${me.role}` as 'roles.inspector') : ''}</Tag>
              <Typography.Text type="secondary">{me?.organisationName}</Typography.Text>
            </span>
            <Select<Locale>
              aria-label={t('app.language')}
              data-testid="language-switch"
              value={locale}
              style={{ width: 110 }}
              onChange={(l) => void setLocale(l)}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en-US', label: 'English' },
              ]}
            />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void logout().then(() => navigate('/login'))}
              aria-label={t('app.logout')}
            >
              {t('app.logout')}
            </Button>
          </Space>
        </Header>
        <Content id="main" tabIndex={-1} className="app-content">
          <CallAlerts />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
