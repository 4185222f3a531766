import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from './api/client';
import { SessionProvider } from './auth/session';
import { RequireLogin, RequirePermission } from './auth/guards';
import { PageLoading } from './components/PageState';
import { AdminOnly, MemberOnly } from './pages/portal/RoleShell';
import { theme } from './theme';
import { orgLifeRoutes } from './pages/org-life/routes';
import { youthRoutes } from './pages/youth/routes';
import { dailyRoutes } from './pages/daily/routes';
import { statsRoutes } from './pages/stats/routes';
import { nationalRoutes } from './pages/national/routes';
import { inboxRoutes } from './pages/inbox/routes';
import { registryRoutes } from './pages/registries/routes';
import { registrySmallRoutes } from './pages/registries/small/routes';
import { preloadCommitteeHome } from './pages/home/homeChunks';

dayjs.locale('zh-cn');

// The signed-in frame (menu, drawer, 待办 badge) is a chunk of its own: the login page and the
// public pages do not fetch it, and a phone on 4G gets its first screen sooner (BENCHMARKS.md).
const loadHome = () => import('./pages/home/HomePage');
const loadLayout = () => import('./components/AppLayout');
// The home, the page most often opened (an installed app starts there), is fetched with the frame at
// once, alongside the session check, rather than after the session is known (one round trip less).
if (window.location.pathname === '/') void Promise.all([loadLayout(), loadHome()]);
// What asks for the home's data once the session is known (prefetchHome): a small module with the API
// client only, fetched with the session check, so the requests need not wait for the home's chunks.
const homeQueries = window.location.pathname === '/' ? import('./pages/home/homeQueries') : null;
const AppLayout = lazy(() => loadLayout().then((m) => ({ default: m.AppLayout })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const HomePage = lazy(loadHome);
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage'));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const RulesPage = lazy(() => import('./pages/RulesPage'));
const ImportWizardPage = lazy(() => import('./pages/import/ImportWizardPage'));
const PeoplePage = lazy(() => import('./pages/people/PeoplePage'));
const DevelopmentPage = lazy(() => import('./pages/development/DevelopmentPage'));
const CasePage = lazy(() => import('./pages/development/CasePage'));
const QuotasPage = lazy(() => import('./pages/development/QuotasPage'));
const ArchivePage = lazy(() => import('./pages/archive/ArchivePage'));
const TransfersPage = lazy(() => import('./pages/membership/TransfersPage'));
const RegistrationsPage = lazy(() => import('./pages/membership/RegistrationsPage'));
const AppraisalsPage = lazy(() => import('./pages/membership/AppraisalsPage'));
const LeavingPage = lazy(() => import('./pages/membership/LeavingPage'));
const PartyPage = lazy(() => import('./pages/membership/PartyPage'));
const ReviewsPage = lazy(() => import('./pages/membership/ReviewsPage'));
const ReviewDetailPage = lazy(() => import('./pages/membership/ReviewDetailPage'));
const CadresOverviewPage = lazy(() => import('./pages/cadres/CadresOverviewPage'));
const CadreListPage = lazy(() => import('./pages/cadres/CadreListPage'));
const ElectionsPage = lazy(() => import('./pages/cadres/ElectionsPage'));
const ElectionPage = lazy(() => import('./pages/cadres/ElectionPage'));
const CadreAppraisalsPage = lazy(() => import('./pages/cadres/CadreAppraisalsPage'));
const TrainingsPage = lazy(() => import('./pages/cadres/TrainingsPage'));
const TalentsPage = lazy(() => import('./pages/cadres/TalentsPage'));
const YouthVoicePublicPage = lazy(() => import('./pages/youth/YouthVoicePublicPage'));
const VerifyPage = lazy(() => import('./pages/documents/VerifyPage'));
const JoinApplyPage = lazy(() => import('./pages/portal/JoinApplyPage'));
const ForgotPasswordPage = lazy(() => import('./pages/portal/ForgotPasswordPage'));
const MemberAccountsPage = lazy(() => import('./pages/portal/MemberAccountsPage'));
const PortalLayout = lazy(() => import('./pages/portal/PortalLayout'));
const PortalMePage = lazy(() => import('./pages/portal/MePage'));
const PortalHistoryPage = lazy(() => import('./pages/portal/HistoryPage'));
const PortalRegistrationsPage = lazy(() => import('./pages/portal/RegistrationsPage'));
const PortalDuesPage = lazy(() => import('./pages/portal/DuesPage'));
const PortalTransfersPage = lazy(() => import('./pages/portal/TransfersPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change on retry; a network hiccup might.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            {/* Once the session is known, the home's data is asked for at once, while the frame and the home render. */}
            <SessionProvider onAccount={(account) => {
                if (!homeQueries) return;
                preloadCommitteeHome(account);
                void homeQueries.then((m) => m.prefetchHome(queryClient, account));
              }}>
              <Suspense fallback={<PageLoading />}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                  <Route path="/youth-voice" element={<YouthVoicePublicPage />} />
                  <Route path="/verify" element={<VerifyPage />} />
                  <Route path="/verify/:code" element={<VerifyPage />} />
                  <Route path="/join" element={<JoinApplyPage />} />
                  <Route
                    path="/change-password"
                    element={
                      <RequireLogin allowPasswordChange>
                        <ChangePasswordPage />
                      </RequireLogin>
                    }
                  />
                  <Route
                    path="/portal"
                    element={
                      <RequireLogin>
                        <MemberOnly>
                          <PortalLayout />
                        </MemberOnly>
                      </RequireLogin>
                    }
                  >
                    <Route index element={<PortalMePage />} />
                    <Route path="history" element={<PortalHistoryPage />} />
                    <Route path="registrations" element={<PortalRegistrationsPage />} />
                    <Route path="dues" element={<PortalDuesPage />} />
                    <Route path="transfers" element={<PortalTransfersPage />} />
                    <Route path="*" element={<Navigate to="/portal" replace />} />
                  </Route>
                  <Route
                    element={
                      <RequireLogin>
                        <AdminOnly>
                          <AppLayout />
                        </AdminOnly>
                      </RequireLogin>
                    }
                  >
                    <Route index element={<HomePage />} />
                    <Route path="orgs" element={<OrgsPage />} />
                    <Route path="orgs/:id" element={<OrgsPage />} />
                    <Route path="people" element={<RequirePermission permission="person:read"><PeoplePage /></RequirePermission>} />
                    <Route path="import" element={<RequirePermission permission="person:write"><ImportWizardPage /></RequirePermission>} />
                    <Route path="development" element={<RequirePermission permission="person:read"><DevelopmentPage /></RequirePermission>} />
                    <Route path="development/cases/:id" element={<RequirePermission permission="person:read"><CasePage /></RequirePermission>} />
                    <Route path="quotas" element={<RequirePermission permission="person:read"><QuotasPage /></RequirePermission>} />
                    <Route path="archive" element={<RequirePermission permission="person:read"><ArchivePage /></RequirePermission>} />
                    <Route path="membership" element={<Navigate to="/membership/transfers" replace />} />
                    <Route path="membership/transfers" element={<RequirePermission permission="person:read"><TransfersPage /></RequirePermission>} />
                    <Route path="membership/registrations" element={<RequirePermission permission="person:read"><RegistrationsPage /></RequirePermission>} />
                    <Route path="membership/appraisals" element={<RequirePermission permission="person:read"><AppraisalsPage /></RequirePermission>} />
                    <Route path="membership/leaving" element={<RequirePermission permission="person:read"><LeavingPage /></RequirePermission>} />
                    <Route path="membership/party" element={<RequirePermission permission="person:read"><PartyPage /></RequirePermission>} />
                    <Route path="membership/reviews" element={<RequirePermission permission="person:read"><ReviewsPage /></RequirePermission>} />
                    <Route path="membership/reviews/:id" element={<RequirePermission permission="person:read"><ReviewDetailPage /></RequirePermission>} />
                    <Route path="cadres" element={<Navigate to="/cadres/overview" replace />} />
                    <Route path="cadres/overview" element={<RequirePermission permission="stats:read"><CadresOverviewPage /></RequirePermission>} />
                    <Route path="cadres/list" element={<RequirePermission permission="person:read"><CadreListPage /></RequirePermission>} />
                    <Route path="cadres/elections" element={<RequirePermission permission="person:read"><ElectionsPage /></RequirePermission>} />
                    <Route path="cadres/elections/:id" element={<RequirePermission permission="person:read"><ElectionPage /></RequirePermission>} />
                    <Route path="cadres/appraisals" element={<RequirePermission permission="person:read"><CadreAppraisalsPage /></RequirePermission>} />
                    <Route path="cadres/trainings" element={<RequirePermission permission="person:read"><TrainingsPage /></RequirePermission>} />
                    <Route path="cadres/reserve" element={<RequirePermission permission="person:read"><TalentsPage /></RequirePermission>} />
                    <Route path="cadres/liaisons" element={<RequirePermission permission="person:read"><TalentsPage /></RequirePermission>} />
                    {orgLifeRoutes()}
                    {youthRoutes()}
                    {dailyRoutes()}
                    {statsRoutes()}
                    {nationalRoutes()}
                    {inboxRoutes()}
                    {registryRoutes()}
                    {registrySmallRoutes()}
                    <Route path="member-accounts" element={<RequirePermission permission="person:read"><MemberAccountsPage /></RequirePermission>} />
                    <Route path="accounts" element={<RequirePermission permission="account:read"><AccountsPage /></RequirePermission>} />
                    <Route path="audit" element={<RequirePermission permission="audit:read"><AuditPage /></RequirePermission>} />
                    <Route path="rules" element={<RequirePermission permission="rules:write"><RulesPage /></RequirePermission>} />
                    <Route path="home" element={<Navigate to="/" replace />} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
