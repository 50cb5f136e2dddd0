import {
  Card,
  Container,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconBolt,
  IconCheck,
  IconCircleDashed,
  IconLock,
  IconShoppingCart,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useAccount } from '../api/session';
import type { Account } from '../api/types';
import { ComingSoonCard } from '../components/ComingSoonCard';
import { PageHeader } from '../components/PageHeader';
import { ButtonLink } from '../components/RouterLinks';
import { firstName } from '../lib/format';

// Recharts is large: the chart and its libraries load after the rest of the page.
const RevenueChart = lazy(() => import('./commerce/RevenueChart').then((m) => ({ default: m.RevenueChart })));

const areas = [
  {
    title: 'Leads',
    description: 'Everyone who opted in or bought, with tags, lists and a timeline of what happened.',
    icon: <IconUsers size={22} aria-hidden />,
    action: (
      <ButtonLink to="/leads" variant="light" size="xs">
        Open leads
      </ButtonLink>
    ),
  },
  {
    title: 'Automations',
    description: 'When a tag is applied or a product bought: grant access, send mail, call a webhook.',
    icon: <IconBolt size={22} aria-hidden />,
    action: (
      <ButtonLink to="/automations" variant="light" size="xs">
        Open automations
      </ButtonLink>
    ),
  },
  {
    title: 'Memberships',
    description: 'Members-only content in levels, released on a schedule, behind a member login.',
    icon: <IconLock size={22} aria-hidden />,
    action: (
      <ButtonLink to="/memberships" variant="light" size="xs">
        Open memberships
      </ButtonLink>
    ),
  },
  {
    title: 'Products',
    description: 'Hosted checkouts for one-time and subscription prices, in your buyers’ language.',
    icon: <IconShoppingCart size={22} aria-hidden />,
    action: (
      <ButtonLink to="/commerce" variant="light" size="xs">
        Open commerce
      </ButtonLink>
    ),
  },
];

function setupSteps(account: Account) {
  return [
    { label: 'Create your account', done: true },
    { label: 'Add your business details', done: Boolean(account.company && account.country) },
    { label: 'Set your time zone', done: Boolean(account.timezone) },
    { label: 'Set a security question', done: account.has_security_answer },
  ];
}

export function HomePage() {
  const account = useAccount();
  const steps = setupSteps(account);
  const remaining = steps.filter((s) => !s.done).length;

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title={`Welcome, ${firstName(account.name) || account.username}`}
        description="This is your Atrium home. Each area of your business gets its own place here."
      />
      <Stack gap="xl">
        {remaining > 0 && (
          <Card component="section" aria-labelledby="setup-title">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
              <Stack gap="xs">
                <Title order={2} fz="lg" id="setup-title">
                  Finish setting up
                </Title>
                <List spacing={6} size="sm" center>
                  {steps.map((s) => (
                    <List.Item
                      key={s.label}
                      icon={
                        <ThemeIcon
                          size={20}
                          radius="xl"
                          color={s.done ? 'teal' : 'gray'}
                          variant={s.done ? 'filled' : 'light'}
                        >
                          {s.done ? (
                            <IconCheck size={13} aria-hidden />
                          ) : (
                            <IconCircleDashed size={13} aria-hidden />
                          )}
                        </ThemeIcon>
                      }
                    >
                      <Text
                        fz="sm"
                        td={s.done ? 'line-through' : undefined}
                        c={s.done ? 'dimmed' : undefined}
                      >
                        {s.label}
                        {s.done && <VisuallyHidden> (done)</VisuallyHidden>}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Stack>
              <ButtonLink to="/settings" variant="light">
                Open settings
              </ButtonLink>
            </Group>
          </Card>
        )}
        <Suspense fallback={<Skeleton h={320} aria-label="Loading sales" />}>
          <RevenueChart currency={account.currency} />
        </Suspense>
        <section aria-labelledby="areas-title">
          <Title order={2} fz="lg" mb="sm" id="areas-title">
            Your business
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            {areas.map((a) => (
              <ComingSoonCard key={a.title} {...a} />
            ))}
          </SimpleGrid>
        </section>
      </Stack>
    </Container>
  );
}
