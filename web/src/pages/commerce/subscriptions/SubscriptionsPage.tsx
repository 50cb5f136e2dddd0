import { Badge, Table, Text } from '@mantine/core';
import { IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type Subscription,
  type SubscriptionStatus,
  useCancelSubscription,
  useSubscriptions,
} from '../../../api/commerce';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDate } from '../../../lib/format';
import { CommerceFrame } from '../CommerceFrame';
import { ConfirmAction } from '../ConfirmAction';
import { everyInterval, formatMoney, statusLabel, subscriptionStatusColor } from '../format';
import { Pager } from '../Pager';
import { StatusFilteredList } from '../StatusFilteredList';

const filters = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'past_due', label: 'Past due' },
  { value: 'cancelled', label: 'Cancelled' },
];

const cancelSource: Record<string, string> = {
  user: 'by you',
  owner: 'by you',
  api: 'through the API',
  gateway: 'by the gateway',
  buyer: 'by the buyer',
  refund: 'with the refund',
};

function CancelButton({ sub }: { sub: Subscription }) {
  const cancel = useCancelSubscription();
  return (
    <ConfirmAction
      label="Cancel"
      ariaLabel={`Cancel subscription ${sub.id}`}
      title={`Cancel the subscription of ${sub.email}?`}
      confirmLabel="Cancel subscription"
      done="Subscription cancelled"
      pending={cancel.isPending}
      run={() => cancel.mutateAsync(sub.id)}
    >
      The gateway stops charging {sub.email} at once, and the “{sub.product_name}” tag is removed — so an
      automation on that tag revokes their membership access.
    </ConfirmAction>
  );
}

function SubscriptionsTable({ subs }: { subs: Subscription[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Subscriptions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Buyer</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>Price</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subs.map((s) => (
            <Table.Tr key={s.id} data-testid={`subscription-${s.id}`}>
              <Table.Td>
                <AnchorLink to="/leads/$id" params={{ id: String(s.lead_id) }} fz="sm">
                  {s.email}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/commerce/products/$id" params={{ id: String(s.product_id) }} fz="sm">
                  {s.product_name}
                </AnchorLink>
              </Table.Td>
              <Table.Td fz="sm">
                {s.installments
                  ? `${s.installments} × ${formatMoney(s.amount, s.currency)} ${everyInterval(s.interval, s.interval_count)}`
                  : `${formatMoney(s.amount, s.currency)} ${everyInterval(s.interval, s.interval_count)}`}
                {s.trial_ends_at && s.status === 'active' && (
                  <Text fz="xs" c="dimmed">
                    Trial until {formatDate(s.trial_ends_at)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td fz="sm">{formatDate(s.created_at)}</Table.Td>
              <Table.Td>
                <Badge color={subscriptionStatusColor[s.status]} variant="light">
                  {statusLabel(s.status)}
                </Badge>
                {s.cancelled_at && (
                  <Text fz="xs" c="dimmed">
                    {formatDate(s.cancelled_at)}{' '}
                    {s.cancel_source ? (cancelSource[s.cancel_source] ?? '') : ''}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{s.status !== 'cancelled' && <CancelButton sub={s} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/commerce/subscriptions`: subscriptions and payment plans; cancel one (which revokes access). */
export function SubscriptionsPage() {
  const [status, setStatus] = useState('all');
  const [cursor, setCursor] = useState<number | undefined>();
  const filter = status === 'all' ? {} : { status: status as SubscriptionStatus };
  const subs = useSubscriptions(filter, cursor);
  return (
    <CommerceFrame
      tab="subscriptions"
      description="Recurring prices and payment plans. Cancelling removes the product’s tag, so automations revoke access."
    >
      <StatusFilteredList
        noun="subscriptions"
        filters={filters}
        status={status}
        onStatus={(v) => {
          setStatus(v);
          setCursor(undefined);
        }}
        query={subs}
        isEmpty={subs.data?.subscriptions.length === 0}
        emptyIcon={<IconRepeat size={24} aria-hidden />}
        emptyText="A subscription starts when someone buys a recurring price or a payment plan."
      >
        {subs.data && (
          <>
            <SubscriptionsTable subs={subs.data.subscriptions} />
            <Pager cursor={cursor} next={subs.data.next_cursor} onChange={setCursor} />
          </>
        )}
      </StatusFilteredList>
    </CommerceFrame>
  );
}
