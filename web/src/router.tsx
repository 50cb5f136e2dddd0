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
import { parseRunFilter } from './lib/runFilter';
import { AutomationEditorPage, NewAutomationPage } from './pages/automations/editor/AutomationEditorPage';
import { AutomationsPage } from './pages/automations/list/AutomationsPage';
import { RunsPage } from './pages/automations/runs/RunsPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { GatewaysPage } from './pages/commerce/gateways/GatewaysPage';
import { OrdersPage } from './pages/commerce/orders/OrdersPage';
import { NewProductPage, ProductPage } from './pages/commerce/products/ProductPage';
import { ProductsPage } from './pages/commerce/products/ProductsPage';
import { SubscriptionsPage } from './pages/commerce/subscriptions/SubscriptionsPage';
import { DomainSetupPage } from './pages/domains/DomainSetupPage';
import { DomainsPage } from './pages/domains/DomainsPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { ApiPage } from './pages/integrations/ApiPage';
import { WebhooksPage } from './pages/integrations/WebhooksPage';
import { LoginPage } from './pages/LoginPage';
import { LeadDetailPage } from './pages/leads/detail/LeadDetailPage';
import { ImportPage } from './pages/leads/import/ImportPage';
import { LeadsPage } from './pages/leads/list/LeadsPage';
import { CustomFieldsPage } from './pages/leads/manage/CustomFieldsPage';
import { NamedPage } from './pages/leads/manage/NamedPage';
import { ContentTab } from './pages/memberships/content/ContentTab';
import { LevelsTab } from './pages/memberships/editor/LevelsTab';
import { MembershipFrame } from './pages/memberships/editor/MembershipFrame';
import { SettingsTab } from './pages/memberships/editor/SettingsTab';
import { MembershipsPage } from './pages/memberships/list/MembershipsPage';
import { MembersTab } from './pages/memberships/members/MembersTab';
import { NewPostPage, PostEditorPage } from './pages/memberships/posts/PostEditorPage';
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

// Automations: the run log keeps its filters in the URL (`/automations/runs?status=dead`).
const automationsRoute = createRoute({ getParentRoute: () => appRoute, path: 'automations' });

const automationsIndexRoute = createRoute({
  getParentRoute: () => automationsRoute,
  path: '/',
  component: AutomationsPage,
});

const automationNewRoute = createRoute({
  getParentRoute: () => automationsRoute,
  path: 'new',
  component: NewAutomationPage,
});

const automationRunsRoute = createRoute({
  getParentRoute: () => automationsRoute,
  path: 'runs',
  validateSearch: parseRunFilter,
  component: function RunsRoute() {
    return <RunsPage filter={automationRunsRoute.useSearch()} />;
  },
});

const automationDetailRoute = createRoute({
  getParentRoute: () => automationsRoute,
  path: '$id',
  beforeLoad: ({ params }) => {
    if (!/^\d+$/.test(params.id)) throw notFound();
  },
  component: function AutomationRoute() {
    const id = Number(automationDetailRoute.useParams().id);
    return <AutomationEditorPage key={id} id={id} />;
  },
});

// Memberships: one path per tab of a membership, and the post editor beneath it.
const membershipsRoute = createRoute({ getParentRoute: () => appRoute, path: 'memberships' });

const membershipsIndexRoute = createRoute({
  getParentRoute: () => membershipsRoute,
  path: '/',
  component: MembershipsPage,
});

const numericId = ({ params }: { params: Record<string, string> }) => {
  if (!Object.values(params).every((v) => /^\d+$/.test(v))) throw notFound();
};

const membershipRoute = createRoute({
  getParentRoute: () => membershipsRoute,
  path: '$id',
  beforeLoad: numericId,
});

const useMembershipId = () => Number(membershipRoute.useParams().id);

const membershipContentRoute = createRoute({
  getParentRoute: () => membershipRoute,
  path: '/',
  component: function MembershipContentRoute() {
    const id = useMembershipId();
    return (
      <MembershipFrame key={id} id={id} tab="content">
        {(m) => <ContentTab membership={m} />}
      </MembershipFrame>
    );
  },
});

const membershipLevelsRoute = createRoute({
  getParentRoute: () => membershipRoute,
  path: 'levels',
  component: function MembershipLevelsRoute() {
    const id = useMembershipId();
    return (
      <MembershipFrame key={id} id={id} tab="levels">
        {(m) => <LevelsTab membership={m} />}
      </MembershipFrame>
    );
  },
});

const membershipMembersRoute = createRoute({
  getParentRoute: () => membershipRoute,
  path: 'members',
  component: function MembershipMembersRoute() {
    const id = useMembershipId();
    return (
      <MembershipFrame key={id} id={id} tab="members">
        {(m) => <MembersTab membership={m} />}
      </MembershipFrame>
    );
  },
});

const membershipSettingsRoute = createRoute({
  getParentRoute: () => membershipRoute,
  path: 'settings',
  component: function MembershipSettingsRoute() {
    const id = useMembershipId();
    return (
      <MembershipFrame key={id} id={id} tab="settings">
        {(m) => <SettingsTab membership={m} />}
      </MembershipFrame>
    );
  },
});

const newPostRoute = createRoute({
  getParentRoute: () => membershipRoute,
  path: 'posts/new',
  validateSearch: (search: Record<string, unknown>): { subcategory?: number } => {
    const subcategory = Number(search.subcategory);
    return Number.isInteger(subcategory) && subcategory > 0 ? { subcategory } : {};
  },
  component: function NewPostRoute() {
    const id = useMembershipId();
    const { subcategory } = newPostRoute.useSearch();
    return <NewPostPage key={`${id}-${subcategory}`} id={id} subcategoryId={subcategory} />;
  },
});

const postRoute = createRoute({
  getParentRoute: () => membershipRoute,
  path: 'posts/$postId',
  beforeLoad: numericId,
  component: function PostRoute() {
    const id = useMembershipId();
    const postId = Number(postRoute.useParams().postId);
    return <PostEditorPage key={`${id}-${postId}`} id={id} postId={postId} />;
  },
});

// Commerce: products (and one per product), orders, subscriptions and gateway settings.
const commerceRoute = createRoute({ getParentRoute: () => appRoute, path: 'commerce' });

const commerceIndexRoute = createRoute({
  getParentRoute: () => commerceRoute,
  path: '/',
  component: ProductsPage,
});

const commerceOrdersRoute = createRoute({
  getParentRoute: () => commerceRoute,
  path: 'orders',
  component: OrdersPage,
});

const commerceSubscriptionsRoute = createRoute({
  getParentRoute: () => commerceRoute,
  path: 'subscriptions',
  component: SubscriptionsPage,
});

const commerceGatewaysRoute = createRoute({
  getParentRoute: () => commerceRoute,
  path: 'gateways',
  component: GatewaysPage,
});

const newProductRoute = createRoute({
  getParentRoute: () => commerceRoute,
  path: 'products/new',
  component: NewProductPage,
});

const productRoute = createRoute({
  getParentRoute: () => commerceRoute,
  path: 'products/$id',
  beforeLoad: numericId,
  component: function ProductRoute() {
    const id = Number(productRoute.useParams().id);
    return <ProductPage key={id} id={id} />;
  },
});

// Custom domains: the list, and the setup wizard of one.
const domainsRoute = createRoute({ getParentRoute: () => appRoute, path: 'domains' });

const domainsIndexRoute = createRoute({
  getParentRoute: () => domainsRoute,
  path: '/',
  component: DomainsPage,
});

const domainRoute = createRoute({
  getParentRoute: () => domainsRoute,
  path: '$id',
  beforeLoad: numericId,
  component: function DomainRoute() {
    const id = Number(domainRoute.useParams().id);
    return <DomainSetupPage key={id} id={id} />;
  },
});

// Integrations: the Kartra-compatible API (credentials, apps) and outbound webhooks.
const integrationsRoute = createRoute({ getParentRoute: () => appRoute, path: 'integrations' });

const integrationsIndexRoute = createRoute({
  getParentRoute: () => integrationsRoute,
  path: '/',
  component: ApiPage,
});

const integrationsWebhooksRoute = createRoute({
  getParentRoute: () => integrationsRoute,
  path: 'webhooks',
  component: WebhooksPage,
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
    automationsRoute.addChildren([
      automationsIndexRoute,
      automationNewRoute,
      automationRunsRoute,
      automationDetailRoute,
    ]),
    membershipsRoute.addChildren([
      membershipsIndexRoute,
      membershipRoute.addChildren([
        membershipContentRoute,
        membershipLevelsRoute,
        membershipMembersRoute,
        membershipSettingsRoute,
        newPostRoute,
        postRoute,
      ]),
    ]),
    domainsRoute.addChildren([domainsIndexRoute, domainRoute]),
    integrationsRoute.addChildren([integrationsIndexRoute, integrationsWebhooksRoute]),
    commerceRoute.addChildren([
      commerceIndexRoute,
      commerceOrdersRoute,
      commerceSubscriptionsRoute,
      commerceGatewaysRoute,
      newProductRoute,
      productRoute,
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
