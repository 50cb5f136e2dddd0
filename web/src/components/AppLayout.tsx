import { AppShell, Avatar, Burger, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useLogout, useSession } from '../api/session';
import { Logo } from './Logo';
import { MainNav } from './MainNav';
import { AnchorLink } from './RouterLinks';

/** The signed-in frame: header with the account and Log out, navbar, and the page. */
export function AppLayout() {
  const { data: session } = useSession();
  const [navOpen, nav] = useDisclosure(false);
  const logout = useLogout();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  // On small screens the navbar is a drawer: close it once the user has picked a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation by design
  useEffect(() => nav.close(), [pathname]);

  // Logged out or expired: the guard is about to redirect; render nothing that needs an account.
  if (!session) return null;
  const { account } = session;

  const onLogout = async () => {
    await logout.mutateAsync().catch(() => {});
    await navigate({ to: '/login' });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
            />
            <AnchorLink to="/" underline="never" c="inherit" aria-label="Atrium home">
              <Logo />
            </AnchorLink>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <AnchorLink
              to="/settings"
              underline="never"
              c="inherit"
              aria-label={`Signed in as ${account.username}. Open settings`}
            >
              <Group gap={8} wrap="nowrap">
                <Avatar name={account.name || account.username} color="initials" size={32} />
                <Text fw={500} fz="sm" visibleFrom="xs" data-testid="header-username">
                  {account.username}
                </Text>
              </Group>
            </AnchorLink>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={onLogout}
              loading={logout.isPending}
            >
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <MainNav />
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
