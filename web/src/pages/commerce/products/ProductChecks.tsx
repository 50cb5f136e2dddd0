import { Alert, Badge, Button, Group, List, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconFlask,
  IconHourglass,
  IconRefresh,
  IconX,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  type ChainLink,
  type Product,
  type TestPurchase,
  useProductHealth,
  useTestPurchase,
  useTestPurchaseState,
} from '../../../api/commerce';
import { messageOf } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { AnchorLink } from '../../../components/RouterLinks';
import { SectionCard } from '../../settings/SectionCard';

const stepLabel: Record<ChainLink['step'], string> = {
  order: 'Order completed',
  lead: 'Buyer’s lead',
  tag: 'Product tag applied',
  automation: 'Automation run',
  membership: 'Membership access',
};

const checkLabel: Record<string, string> = {
  tag: 'Tag',
  automation: 'Automation',
  membership: 'Membership',
  gateway: 'Payment gateway',
  pending_orders: 'Pending orders',
};

/** The integration health check: each of seed 004's checks, and what to fix when one fails. */
function HealthCheck({ product }: { product: Product }) {
  const health = useProductHealth(product.id);
  return (
    <SectionCard
      title="Integration health"
      description="Whether a purchase will end in access: the tag exists, an active automation reacts to it, its membership exists, the gateway is set up, and no order is stuck pending."
    >
      {health.isPending ? (
        <Text fz="sm" c="dimmed" role="status">
          Checking…
        </Text>
      ) : health.isError ? (
        <FormAlert message={messageOf(health.error)} />
      ) : (
        <Stack gap="sm">
          <Alert
            color={health.data.ok ? 'teal' : 'orange'}
            variant="light"
            icon={health.data.ok ? <IconCheck size={18} /> : <IconAlertTriangle size={18} />}
            title={health.data.ok ? 'All checks pass' : 'Something needs fixing'}
          />
          <List spacing="sm" center aria-label="Health checks">
            {health.data.checks.map((c) => (
              <List.Item
                key={c.check}
                data-testid={`health-${c.check}`}
                icon={
                  <ThemeIcon size={22} radius="xl" color={c.ok ? 'teal' : 'red'} variant="light">
                    {c.ok ? <IconCheck size={14} aria-hidden /> : <IconX size={14} aria-hidden />}
                  </ThemeIcon>
                }
              >
                <Text fz="sm">
                  <b>{checkLabel[c.check] ?? c.check}:</b> {c.message}
                  <Text span c={c.ok ? 'teal' : 'red'} fz="xs" ml={6}>
                    {c.ok ? '(ok)' : '(failing)'}
                  </Text>
                </Text>
                {c.fix && (
                  <Text fz="sm" c="dimmed">
                    To fix: {c.fix}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Group>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => void health.refetch()}
          loading={health.isFetching}
        >
          Check again
        </Button>
      </Group>
    </SectionCard>
  );
}

function ChainView({ chain }: { chain: ChainLink[] }) {
  const done = chain.filter((l) => l.ok).length;
  return (
    <Timeline active={done - 1} bulletSize={26} lineWidth={2} aria-label="Purchase chain">
      {chain.map((link) => (
        <Timeline.Item
          key={link.step}
          data-testid={`chain-${link.step}`}
          color={link.ok ? 'teal' : 'gray'}
          bullet={link.ok ? <IconCheck size={14} aria-hidden /> : <IconHourglass size={14} aria-hidden />}
          title={
            <Group gap="xs">
              <Text fw={500} fz="sm">
                {stepLabel[link.step]}
              </Text>
              <Badge size="sm" variant="light" color={link.ok ? 'teal' : 'orange'}>
                {link.state}
              </Badge>
            </Group>
          }
        >
          <Text fz="sm" c="dimmed">
            {link.detail}
            {link.step === 'lead' && link.id !== null && (
              <>
                {' '}
                <AnchorLink to="/leads/$id" params={{ id: String(link.id) }} fz="sm">
                  Open lead
                </AnchorLink>
              </>
            )}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Buys the product through the sandbox and follows each link until access is granted. */
function TestPurchaseCard({ product }: { product: Product }) {
  const buy = useTestPurchase(product.id);
  const [first, setFirst] = useState<TestPurchase | null>(null);
  const [pollUntil, setPollUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const polling = first !== null && !first.ok && now < pollUntil;
  const state = useTestPurchaseState(product.id, first?.order_id ?? null, polling);
  const result = state.data ?? first;
  const stillPolling = polling && !(state.data?.ok ?? false);

  // Follow the chain for half a minute: automations run in the worker, a moment after the sale.
  useEffect(() => {
    if (!stillPolling) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [stillPolling]);

  const run = () =>
    buy.mutate(undefined, {
      onSuccess: (r) => {
        setFirst(r);
        setNow(Date.now());
        setPollUntil(Date.now() + 30_000);
      },
    });

  return (
    <SectionCard
      title="Test purchase"
      description="Buys this product through the sandbox gateway as a test buyer, exactly as a real buyer would, and shows each link of the chain: order → lead → tag → automation → membership access."
    >
      <Group>
        <Button leftSection={<IconFlask size={16} aria-hidden />} onClick={run} loading={buy.isPending}>
          Run a test purchase
        </Button>
      </Group>
      <FormAlert message={buy.isError ? messageOf(buy.error) : null} />
      {result && (
        <Stack gap="sm" aria-live="polite">
          <Text fz="sm">
            Order #{result.order_id} for <b>{result.email}</b>{' '}
            {result.ok ? (
              <Badge color="teal" variant="light">
                Every link works
              </Badge>
            ) : stillPolling ? (
              <Badge color="blue" variant="light">
                Following the chain…
              </Badge>
            ) : (
              <Badge color="orange" variant="light">
                The chain stops
              </Badge>
            )}
          </Text>
          <ChainView chain={result.chain} />
          {!result.ok && !stillPolling && (
            <Text fz="sm" c="dimmed">
              The first grey link is where the purchase stops. The health check above says what to fix.
            </Text>
          )}
        </Stack>
      )}
    </SectionCard>
  );
}

export function ProductChecks({ product }: { product: Product }) {
  return (
    <Stack gap="lg" maw={860}>
      <HealthCheck product={product} />
      <TestPurchaseCard product={product} />
    </Stack>
  );
}
