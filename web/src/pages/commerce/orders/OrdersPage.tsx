import { Badge, Table, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { type Order, type OrderStatus, useOrders, useRefundOrder } from '../../../api/commerce';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDateTime } from '../../../lib/format';
import { CommerceFrame } from '../CommerceFrame';
import { ConfirmAction } from '../ConfirmAction';
import { formatMoney, orderStatusColor, statusLabel } from '../format';
import { Pager } from '../Pager';
import { StatusFilteredList } from '../StatusFilteredList';

const filters = [
  { value: 'all', label: 'All' },
  { value: 'completed', label: 'Completed' },
  { value: 'pending', label: 'Pending' },
  { value: 'failed', label: 'Failed' },
  { value: 'refunded', label: 'Refunded' },
];

const buyerName = (o: Order) => [o.first_name, o.last_name].filter(Boolean).join(' ');

function RefundButton({ order }: { order: Order }) {
  const refund = useRefundOrder();
  return (
    <ConfirmAction
      label="Refund"
      ariaLabel={`Refund order ${order.id}`}
      title={`Refund order #${order.id}?`}
      confirmLabel="Refund order"
      done={`Order #${order.id} refunded`}
      pending={refund.isPending}
      run={() => refund.mutateAsync(order.id)}
    >
      {formatMoney(order.amount, order.currency)} goes back to {order.email} through the{' '}
      {order.gateway === 'stripe' ? 'Stripe' : 'sandbox'} gateway. The “{order.product_name}” tag is removed
      unless another purchase still entitles them, so automations on that tag revoke access.
    </ConfirmAction>
  );
}

function OrdersTable({ orders }: { orders: Order[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Buyer</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((o) => (
            <Table.Tr key={o.id} data-testid={`order-${o.id}`}>
              <Table.Td>
                <Text fz="sm">#{o.id}</Text>
                <Text fz="xs" c="dimmed">
                  {o.gateway === 'stripe' ? 'Stripe' : 'Sandbox'}
                </Text>
              </Table.Td>
              <Table.Td fz="sm">{formatDateTime(o.created_at)}</Table.Td>
              <Table.Td>
                {o.lead_id ? (
                  <AnchorLink to="/leads/$id" params={{ id: String(o.lead_id) }} fz="sm">
                    {o.email}
                  </AnchorLink>
                ) : (
                  <Text fz="sm">{o.email}</Text>
                )}
                {buyerName(o) && (
                  <Text fz="xs" c="dimmed">
                    {buyerName(o)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/commerce/products/$id" params={{ id: String(o.product_id) }} fz="sm">
                  {o.product_name}
                </AnchorLink>
              </Table.Td>
              <Table.Td ta="right" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(o.amount, o.currency)}
              </Table.Td>
              <Table.Td>
                <Badge color={orderStatusColor[o.status]} variant="light">
                  {statusLabel(o.status)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{o.status === 'completed' && <RefundButton order={o} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/commerce/orders`: every order, newest first, filtered by status; refund a completed one. */
export function OrdersPage() {
  const [status, setStatus] = useState('all');
  const [cursor, setCursor] = useState<number | undefined>();
  const filter = status === 'all' ? {} : { status: status as OrderStatus };
  const orders = useOrders(filter, cursor);
  return (
    <CommerceFrame
      tab="orders"
      description="An order completes only when the gateway confirms the payment; pending ones never grant access."
    >
      <StatusFilteredList
        noun="orders"
        filters={filters}
        status={status}
        onStatus={(v) => {
          setStatus(v);
          setCursor(undefined);
        }}
        query={orders}
        isEmpty={orders.data?.orders.length === 0}
        emptyIcon={<IconReceipt size={24} aria-hidden />}
        emptyText="Orders appear here when someone buys through a checkout, or when you run a test purchase from a product."
      >
        {orders.data && (
          <>
            <OrdersTable orders={orders.data.orders} />
            <Pager cursor={cursor} next={orders.data.next_cursor} onChange={setCursor} />
          </>
        )}
      </StatusFilteredList>
    </CommerceFrame>
  );
}
