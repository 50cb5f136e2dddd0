import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  notFound,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { sessionQuery } from './api/session';
import { AppLayout } from './components/AppLayout';
import { PageLoader } from './components/PageLoader';
import { parseLeadFilter } from './lib/leadFilter';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { LeadDetailPage } from './pages/leads/detail/LeadDetailPage';
import { ImportPage } from './pages/leads/import/ImportPage';
import { LeadsPage } from './pages/leads/list/LeadsPage';
import { CustomFieldsPage } from './pages/leads/manage/CustomFieldsPage';
import { NamedPage } from './pages/leads/manage/NamedPage';
import { ErrorPage, NotFoundPage } from './pages/NotFoundPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignupPage } from './pages/SignupPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { isSettingsTab } from './pages/settings/tabs';

/**
 * All routes, code-based. Guards run in `beforeLoad` against the cached session, so a screen
 * never renders for someone who may not see it:
 * - signed out → only the public screens (login, signup, forgot, reset, confirm-email);
 * - must_change_password → only /change-password;
 * - signed in → the app; /login and /signup bounce home.
 */

type RouterContext = { queryClient: QueryClient };

const currentSession = (ctx: RouterContext) => ctx.queryClient.fetchQuery(sessionQuery);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

async function guestOnly({ context }: { context: RouterContext }) {
  const session = await currentSession(context);
  if (session) throw redirect({ to: session.must_change_password ? '/change-password' : '/' });
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  beforeLoad: guestOnly,
  component: function LoginRoute() {
    return <LoginPage redirect={loginRoute.useSearch().redirect} />;
  },
});

const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'signup',
  beforeLoad: guestOnly,
  component: SignupPage,
});

const forgotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'forgot-password',
  beforeLoad: guestOnly,
  component: ForgotPasswordPage,
});

// Reset and email confirmation work whether or not (and as whom) this browser is logged in.
const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset/$token',
  component: function ResetRoute() {
    return <ResetPasswordPage token={resetRoute.useParams().token} />;
  },
});

const confirmEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'confirm-email/$token',
  component: function ConfirmEmailRoute() {
    return <ConfirmEmailPage token={confirmEmailRoute.useParams().token} />;
  },
});

const changePasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'change-password',
  beforeLoad: async ({ context }) => {
    const session = await currentSession(context);
    if (!session) throw redirect({ to: '/login' });
    if (!session.must_change_password) throw redirect({ to: '/' });
  },
  component: ChangePasswordPage,
});

/** Everything behind login shares the AppShell. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await currentSession(context);
    if (!session) {
      const back = location.href === '/' ? {} : { redirect: location.href };
      throw redirect({ to: '/login', search: back });
    }
    if (session.must_change_password) throw redirect({ to: '/change-password' });
  },
  component: AppLayout,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: 'settings' });

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/$tab', params: { tab: 'profile' }, replace: true });
  },
});

const settingsTabRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '$tab',
  beforeLoad: ({ params }) => {
    if (!isSettingsTab(params.tab))
      throw redirect({ to: '/settings/$tab', params: { tab: 'profile' }, replace: true });
  },
  component: function SettingsRoute() {
    const { tab } = settingsTabRoute.useParams();
    return <SettingsPage tab={isSettingsTab(tab) ? tab : 'profile'} />;
  },
});

// Leads: the list keeps its filters in the URL (`/leads?tag=vip`), the import its id (`?id=3`).
const leadsRoute = createRoute({ getParentRoute: () => appRoute, path: 'leads' });

const leadsIndexRoute = createRoute({
  getParentRoute: () => leadsRoute,
  path: '/',
  validateSearch: parseLeadFilter,
  component: function LeadsRoute() {
    return <LeadsPage filter={leadsIndexRoute.useSearch()} />;
  },
});

const leadTagsRoute = createRoute({
  getParentRoute: () => leadsRoute,
  path: 'tags',
  component: () => <NamedPage kind="tags" />,
});

const leadListsRoute = createRoute({
  getParentRoute: () => leadsRoute,
  path: 'lists',
  component: () => <NamedPage kind="lists" />,
});

const leadFieldsRoute = createRoute({
  getParentRoute: () => leadsRoute,
  path: 'fields',
  component: CustomFieldsPage,
});

const leadImportRoute = createRoute({
  getParentRoute: () => leadsRoute,
  path: 'import',
  validateSearch: (search: Record<string, unknown>): { id?: number } => {
    const id = Number(search.id);
    return Number.isInteger(id) && id > 0 ? { id } : {};
  },
  component: function ImportRoute() {
    const { id } = leadImportRoute.useSearch();
    return <ImportPage key={id ?? 'new'} importId={id} />;
  },
});

const leadDetailRoute = createRoute({
  getParentRoute: () => leadsRoute,
  path: '$id',
  beforeLoad: ({ params }) => {
    if (!/^\d+$/.test(params.id)) throw notFound();
  },
  component: function LeadDetailRoute() {
    const id = Number(leadDetailRoute.useParams().id);
    return <LeadDetailPage key={id} id={id} />;
  },
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  signupRoute,
  forgotRoute,
  resetRoute,
  confirmEmailRoute,
  changePasswordRoute,
  appRoute.addChildren([
    homeRoute,
    settingsRoute.addChildren([settingsIndexRoute, settingsTabRoute]),
    leadsRoute.addChildren([
      leadsIndexRoute,
      leadTagsRoute,
      leadListsRoute,
      leadFieldsRoute,
      leadImportRoute,
      leadDetailRoute,
    ]),
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPendingComponent: PageLoader,
    defaultErrorComponent: ErrorPage,
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
