/**
 * Providers and routes of the web app.
 */
import { Component, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { I18nProvider, type Locale } from './i18n.tsx';
import { RegionProvider } from './region.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { AppLayout } from '../layout/AppLayout.tsx';
import { ErrorPage } from '../layout/ErrorPage.tsx';
import { RequireAuth } from '../layout/RequireAuth.tsx';
import { RequirePermission } from '../layout/RequirePermission.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ApiError } from './api.ts';
import { lazyPage } from './lazy-page.tsx';

// Every feature page but the home comes from its own chunk (lazy-page.tsx).
const MineListPage = lazyPage(() => import('../features/mines/MineListPage.tsx'), 'MineListPage');
const MineDetailPage = lazyPage(
  () => import('../features/mines/MineDetailPage.tsx'),
  'MineDetailPage',
);
const MineFormPage = lazyPage(() => import('../features/mines/MineFormPage.tsx'), 'MineFormPage');
const EnterpriseListPage = lazyPage(
  () => import('../features/enterprises/EnterpriseListPage.tsx'),
  'EnterpriseListPage',
);
const EnterpriseDetailPage = lazyPage(
  () => import('../features/enterprises/EnterpriseDetailPage.tsx'),
  'EnterpriseDetailPage',
);
const RegionPage = lazyPage(() => import('../features/regions/RegionPage.tsx'), 'RegionPage');
const HazardListPage = lazyPage(
  () => import('../features/hazards/HazardListPage.tsx'),
  'HazardListPage',
);
const HazardReportPage = lazyPage(
  () => import('../features/hazards/HazardReportPage.tsx'),
  'HazardReportPage',
);
const HazardAnalysisPage = lazyPage(
  () => import('../features/hazards/HazardAnalysisPage.tsx'),
  'HazardAnalysisPage',
);
const SelfInspectionPage = lazyPage(
  () => import('../features/hazards/SelfInspectionPage.tsx'),
  'SelfInspectionPage',
);
const HazardDetailPage = lazyPage(
  () => import('../features/hazards/HazardDetailPage.tsx'),
  'HazardDetailPage',
);
const AlarmBoardPage = lazyPage(
  () => import('../features/monitoring/AlarmBoardPage.tsx'),
  'AlarmBoardPage',
);
const AlarmDetailPage = lazyPage(
  () => import('../features/monitoring/AlarmDetailPage.tsx'),
  'AlarmDetailPage',
);
const LeadDetailPage = lazyPage(
  () => import('../features/leads/LeadDetailPage.tsx'),
  'LeadDetailPage',
);
const InspectionsPage = lazyPage(
  () => import('../features/inspections/InspectionsPage.tsx'),
  'InspectionsPage',
);
const InspectionFormPage = lazyPage(
  () => import('../features/inspections/InspectionFormPage.tsx'),
  'InspectionFormPage',
);
const InspectionDetailPage = lazyPage(
  () => import('../features/inspections/InspectionDetailPage.tsx'),
  'InspectionDetailPage',
);
const DocumentPage = lazyPage(
  () => import('../features/inspections/DocumentPage.tsx'),
  'DocumentPage',
);
const ReceivedDocumentsPage = lazyPage(
  () => import('../features/inspections/ReceivedDocumentsPage.tsx'),
  'ReceivedDocumentsPage',
);
const EnterpriseReportsPage = lazyPage(
  () => import('../features/action-plans/EnterpriseReportsPage.tsx'),
  'EnterpriseReportsPage',
);
const PlansPage = lazyPage(() => import('../features/action-plans/PlansPage.tsx'), 'PlansPage');
const AccidentsPage = lazyPage(
  () => import('../features/accidents/AccidentsPage.tsx'),
  'AccidentsPage',
);
const CaseBoardPage = lazyPage(
  () => import('../features/public-reports/CaseBoardPage.tsx'),
  'CaseBoardPage',
);
const PublicReportPage = lazyPage(
  () => import('../features/public-reports/PublicReportPage.tsx'),
  'PublicReportPage',
);
const TrackPage = lazyPage(() => import('../features/public-reports/TrackPage.tsx'), 'TrackPage');
const PublicExposuresPage = lazyPage(
  () => import('../features/hazards/PublicExposuresPage.tsx'),
  'PublicExposuresPage',
);
const PublicGradesPage = lazyPage(
  () => import('../features/surveys/PublicGradesPage.tsx'),
  'PublicGradesPage',
);
const SurveysPage = lazyPage(() => import('../features/surveys/SurveysPage.tsx'), 'SurveysPage');
const PitsPondsPage = lazyPage(
  () => import('../features/pits-ponds/PitsPondsPage.tsx'),
  'PitsPondsPage',
);
const EmergencyPage = lazyPage(
  () => import('../features/emergency/EmergencyPage.tsx'),
  'EmergencyPage',
);
const DutyPage = lazyPage(() => import('../features/duty/DutyPage.tsx'), 'DutyPage');
const AdmissionPage = lazyPage(
  () => import('../features/admission/AdmissionPage.tsx'),
  'AdmissionPage',
);
const LeadListPage = lazyPage(() => import('../features/leads/LeadListPage.tsx'), 'LeadListPage');
const MineComparisonPage = lazyPage(
  () => import('../features/leads/MineComparisonPage.tsx'),
  'MineComparisonPage',
);
const StoppedMinesPage = lazyPage(
  () => import('../features/stopped/StoppedMinesPage.tsx'),
  'StoppedMinesPage',
);
const WarningsPage = lazyPage(
  () => import('../features/warnings/WarningsPage.tsx'),
  'WarningsPage',
);
const WarningDetailPage = lazyPage(
  () => import('../features/warnings/WarningDetailPage.tsx'),
  'WarningDetailPage',
);
const CoalFeedsPage = lazyPage(() => import('../features/coal/CoalFeedsPage.tsx'), 'CoalFeedsPage');
const FacilityBoardPage = lazyPage(
  () => import('../features/monitoring/FacilityBoardPage.tsx'),
  'FacilityBoardPage',
);
const SensorPage = lazyPage(() => import('../features/monitoring/SensorPage.tsx'), 'SensorPage');
const InboxPage = lazyPage(() => import('../features/notifications/InboxPage.tsx'), 'InboxPage');
const UsersPage = lazyPage(() => import('../features/admin/UsersPage.tsx'), 'UsersPage');
const TokensPage = lazyPage(() => import('../features/admin/TokensPage.tsx'), 'TokensPage');
const SettingsPage = lazyPage(() => import('../features/admin/SettingsPage.tsx'), 'SettingsPage');

const queryClient: QueryClient = new QueryClient({
  // A session that ends while the app is open (expiry, logout elsewhere) sends the user to the login page.
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        queryClient.setQueryData(['me'], null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Shows the 500 page instead of a blank screen when a component throws. */
class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <ErrorPage status={500} /> : this.props.children;
  }
}

function LocalisedApp() {
  const { me } = useSession();
  const locale: Locale =
    me?.locale ?? (localStorage.getItem('minewatch.locale') as Locale | null) ?? 'zh-CN';
  document.documentElement.lang = locale;
  return (
    <I18nProvider locale={locale}>
      <ConfigProvider
        locale={locale === 'en-US' ? antdEnUS : antdZhCN}
        theme={{ token: { colorPrimary: '#1456c8' } }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>
          <RegionProvider>
            <ErrorBoundary>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/report" element={<PublicReportPage />} />
                <Route path="/track" element={<TrackPage />} />
                <Route path="/disaster-grades" element={<PublicGradesPage />} />
                <Route path="/exposures" element={<PublicExposuresPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="mines" element={<MineListPage />} />
                  <Route
                    path="mines/new"
                    element={
                      <RequirePermission permission="registry.mine.create">
                        <MineFormPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="mines/:id" element={<MineDetailPage />} />
                  <Route
                    path="mines/:id/edit"
                    element={
                      <RequirePermission permission="registry.mine.update">
                        <MineFormPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="enterprises" element={<EnterpriseListPage />} />
                  <Route path="enterprises/:id" element={<EnterpriseDetailPage />} />
                  <Route path="regions" element={<RegionPage />} />
                  <Route path="hazards" element={<HazardListPage />} />
                  <Route
                    path="hazards/new"
                    element={
                      <RequirePermission permission="hazards.report">
                        <HazardReportPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="hazards/analysis" element={<HazardAnalysisPage />} />
                  <Route path="hazards/:id" element={<HazardDetailPage />} />
                  <Route path="self-inspection" element={<SelfInspectionPage />} />
                  <Route path="monitoring" element={<AlarmBoardPage />} />
                  <Route path="monitoring/facilities" element={<FacilityBoardPage />} />
                  <Route path="monitoring/sensors/:id" element={<SensorPage />} />
                  <Route path="alarms/:id" element={<AlarmDetailPage />} />
                  <Route path="leads" element={<LeadListPage />} />
                  <Route path="leads/:id" element={<LeadDetailPage />} />
                  <Route path="mines/:id/comparison" element={<MineComparisonPage />} />
                  <Route path="stopped" element={<StoppedMinesPage />} />
                  <Route path="warnings" element={<WarningsPage />} />
                  <Route path="warnings/:id" element={<WarningDetailPage />} />
                  <Route path="coal-feeds" element={<CoalFeedsPage />} />
                  <Route path="inspections" element={<InspectionsPage />} />
                  <Route
                    path="inspections/new"
                    element={
                      <RequirePermission permission="inspections.write">
                        <InspectionFormPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="inspections/:id" element={<InspectionDetailPage />} />
                  <Route path="documents/:id" element={<DocumentPage />} />
                  <Route path="received-documents" element={<ReceivedDocumentsPage />} />
                  <Route path="plans" element={<PlansPage />} />
                  <Route path="enterprise-reports" element={<EnterpriseReportsPage />} />
                  <Route path="accidents" element={<AccidentsPage />} />
                  <Route path="surveys" element={<SurveysPage />} />
                  <Route path="pits-ponds" element={<PitsPondsPage />} />
                  <Route path="emergency" element={<EmergencyPage />} />
                  <Route path="duty" element={<DutyPage />} />
                  <Route path="admission" element={<AdmissionPage />} />
                  <Route path="public-reports" element={<CaseBoardPage />} />
                  <Route path="inbox" element={<InboxPage />} />
                  <Route
                    path="admin/users"
                    element={
                      <RequirePermission permission="access.user.manage">
                        <UsersPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="admin/tokens"
                    element={
                      <RequirePermission permission="access.gateway_token.manage">
                        <TokensPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="admin/settings"
                    element={
                      <RequirePermission permission="settings.read">
                        <SettingsPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="403" element={<ErrorPage status={403} />} />
                  <Route path="*" element={<ErrorPage status={404} />} />
                </Route>
              </Routes>
            </ErrorBoundary>
          </RegionProvider>
        </AntApp>
      </ConfigProvider>
    </I18nProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <LocalisedApp />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
