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
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { MineListPage } from '../features/mines/MineListPage.tsx';
import { MineDetailPage } from '../features/mines/MineDetailPage.tsx';
import { MineFormPage } from '../features/mines/MineFormPage.tsx';
import { EnterpriseListPage } from '../features/enterprises/EnterpriseListPage.tsx';
import { EnterpriseDetailPage } from '../features/enterprises/EnterpriseDetailPage.tsx';
import { RegionPage } from '../features/regions/RegionPage.tsx';
import { HazardListPage } from '../features/hazards/HazardListPage.tsx';
import { HazardReportPage } from '../features/hazards/HazardReportPage.tsx';
import { HazardAnalysisPage } from '../features/hazards/HazardAnalysisPage.tsx';
import { SelfInspectionPage } from '../features/hazards/SelfInspectionPage.tsx';
import { HazardDetailPage } from '../features/hazards/HazardDetailPage.tsx';
import { AlarmBoardPage } from '../features/monitoring/AlarmBoardPage.tsx';
import { AlarmDetailPage } from '../features/monitoring/AlarmDetailPage.tsx';
import { LeadDetailPage } from '../features/leads/LeadDetailPage.tsx';
import { InspectionsPage } from '../features/inspections/InspectionsPage.tsx';
import { InspectionFormPage } from '../features/inspections/InspectionFormPage.tsx';
import { InspectionDetailPage } from '../features/inspections/InspectionDetailPage.tsx';
import { DocumentPage } from '../features/inspections/DocumentPage.tsx';
import { ReceivedDocumentsPage } from '../features/inspections/ReceivedDocumentsPage.tsx';
import { PlansPage } from '../features/action-plans/PlansPage.tsx';
import { AccidentsPage } from '../features/accidents/AccidentsPage.tsx';
import { CaseBoardPage } from '../features/public-reports/CaseBoardPage.tsx';
import { PublicReportPage } from '../features/public-reports/PublicReportPage.tsx';
import { TrackPage } from '../features/public-reports/TrackPage.tsx';
import { PublicGradesPage } from '../features/surveys/PublicGradesPage.tsx';
import { SurveysPage } from '../features/surveys/SurveysPage.tsx';
import { LeadListPage } from '../features/leads/LeadListPage.tsx';
import { MineComparisonPage } from '../features/leads/MineComparisonPage.tsx';
import { StoppedMinesPage } from '../features/stopped/StoppedMinesPage.tsx';
import { CoalFeedsPage } from '../features/coal/CoalFeedsPage.tsx';
import { FacilityBoardPage } from '../features/monitoring/FacilityBoardPage.tsx';
import { SensorPage } from '../features/monitoring/SensorPage.tsx';
import { InboxPage } from '../features/notifications/InboxPage.tsx';
import { AdminGuard } from '../features/admin/AdminGuard.tsx';
import { UsersPage } from '../features/admin/UsersPage.tsx';
import { TokensPage } from '../features/admin/TokensPage.tsx';
import { SettingsPage } from '../features/admin/SettingsPage.tsx';
import { ApiError } from './api.ts';

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
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<DashboardPage />} />
                  <Route path="mines" element={<MineListPage />} />
                  <Route path="mines/new" element={<MineFormPage />} />
                  <Route path="mines/:id" element={<MineDetailPage />} />
                  <Route path="mines/:id/edit" element={<MineFormPage />} />
                  <Route path="enterprises" element={<EnterpriseListPage />} />
                  <Route path="enterprises/:id" element={<EnterpriseDetailPage />} />
                  <Route path="regions" element={<RegionPage />} />
                  <Route path="hazards" element={<HazardListPage />} />
                  <Route path="hazards/new" element={<HazardReportPage />} />
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
                  <Route path="coal-feeds" element={<CoalFeedsPage />} />
                  <Route path="inspections" element={<InspectionsPage />} />
                  <Route path="inspections/new" element={<InspectionFormPage />} />
                  <Route path="inspections/:id" element={<InspectionDetailPage />} />
                  <Route path="documents/:id" element={<DocumentPage />} />
                  <Route path="received-documents" element={<ReceivedDocumentsPage />} />
                  <Route path="plans" element={<PlansPage />} />
                  <Route path="accidents" element={<AccidentsPage />} />
                  <Route path="surveys" element={<SurveysPage />} />
                  <Route path="public-reports" element={<CaseBoardPage />} />
                  <Route path="inbox" element={<InboxPage />} />
                  <Route
                    path="admin/users"
                    element={
                      <AdminGuard permission="access.user.manage">
                        <UsersPage />
                      </AdminGuard>
                    }
                  />
                  <Route
                    path="admin/tokens"
                    element={
                      <AdminGuard permission="access.gateway_token.manage">
                        <TokensPage />
                      </AdminGuard>
                    }
                  />
                  <Route
                    path="admin/settings"
                    element={
                      <AdminGuard permission="settings.read">
                        <SettingsPage />
                      </AdminGuard>
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
