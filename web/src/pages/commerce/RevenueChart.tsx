import '@mantine/charts/styles.css';
import { AreaChart, BarChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { type CommerceStats, useCommerceStats } from '../../api/commerce';
import { messageOf } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { ButtonLink } from '../../components/RouterLinks';
import { formatMoney, minorDigits } from './format';

const ranges = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
];

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** The currency with the most revenue in the period (the account's when nothing sold). */
function mainCurrency(stats: CommerceStats, fallback: string): string {
  const entries = Object.entries(stats.totals.revenue).sort((a, b) => b[1] - a[1]);
  return entries[0]?.[0] ?? fallback;
}

function Charts({ stats, currency }: { stats: CommerceStats; currency: string }) {
  const currencies = Object.keys(stats.totals.revenue);
  const [picked, setPicked] = useState<string | null>(null);
  const shown = picked && currencies.includes(picked) ? picked : mainCurrency(stats, currency);
  const scale = 10 ** minorDigits(shown);
  const data = stats.days.map((d) => ({
    day: dayLabel.format(new Date(`${d.date}T00:00:00Z`)),
    Revenue: (d.revenue[shown] ?? 0) / scale,
    Orders: d.orders,
  }));
  const total = stats.totals.revenue[shown] ?? 0;
  return (
    <Stack gap="md">
      <Group gap="xl" wrap="wrap">
        <Stack gap={0}>
          <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
            Revenue
          </Text>
          <Text fz="xl" fw={650} data-testid="revenue-total">
            {formatMoney(total, shown)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
            Orders
          </Text>
          <Text fz="xl" fw={650} data-testid="orders-total">
            {stats.totals.orders}
          </Text>
        </Stack>
        {currencies.length > 1 && (
          <SegmentedControl
            size="xs"
            aria-label="Revenue currency"
            data={currencies}
            value={shown}
            onChange={setPicked}
          />
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <figure style={{ margin: 0 }} aria-label={`Revenue per day in ${shown}`}>
          <AreaChart
            h={200}
            data={data}
            dataKey="day"
            series={[{ name: 'Revenue', color: 'indigo.6' }]}
            curveType="linear"
            valueFormatter={(v) => formatMoney(Math.round(v * scale), shown)}
            withDots={false}
            gridAxis="y"
          />
        </figure>
        <figure style={{ margin: 0 }} aria-label="Completed orders per day">
          <BarChart
            h={200}
            data={data}
            dataKey="day"
            series={[{ name: 'Orders', color: 'teal.6' }]}
            gridAxis="y"
            yAxisProps={{ allowDecimals: false }}
          />
        </figure>
      </SimpleGrid>
    </Stack>
  );
}

/** The home page's sales card: revenue and completed orders per day (UTC), refunds subtracted. */
export function RevenueChart({ currency }: { currency: string }) {
  const [days, setDays] = useState('30');
  const stats = useCommerceStats(Number(days));
  return (
    <Card component="section" aria-labelledby="sales-title">
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Title order={2} fz="lg" id="sales-title">
            Sales
          </Title>
          <Group gap="sm">
            <SegmentedControl size="xs" aria-label="Period" data={ranges} value={days} onChange={setDays} />
            <ButtonLink to="/commerce/orders" variant="light" size="xs">
              Orders
            </ButtonLink>
          </Group>
        </Group>
        {stats.isPending ? (
          <Skeleton h={240} aria-label="Loading sales" />
        ) : stats.isError ? (
          <FormAlert message={messageOf(stats.error)} />
        ) : (
          <Charts stats={stats.data} currency={currency} />
        )}
      </Stack>
    </Card>
  );
}
